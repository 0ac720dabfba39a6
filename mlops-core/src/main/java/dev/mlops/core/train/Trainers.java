package dev.mlops.core.train;

/**
 * The built-in trainers, typed adapters over Smile 3.1.1. Each returns an immutable trainer with
 * Smile-like defaults; setters return copies.
 *
 * <pre>{@code
 * Trainer rf = Trainers.randomForestRegressor().trees(100).maxDepth(12);
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Trainers {

  private Trainers() {}

  /**
   * Logistic regression (classification).
   *
   * @return the trainer
   */
  public static LogisticRegressionTrainer logisticRegression() {
    return new LogisticRegressionTrainer();
  }

  /**
   * A single CART classification tree.
   *
   * @return the trainer
   */
  public static DecisionTreeTrainer decisionTree() {
    return new DecisionTreeTrainer();
  }

  /**
   * Random forest (classification).
   *
   * @return the trainer
   */
  public static RandomForestClassifierTrainer randomForestClassifier() {
    return new RandomForestClassifierTrainer();
  }

  /**
   * Gradient-boosted trees (classification).
   *
   * @return the trainer
   */
  public static GradientBoostingClassifierTrainer gradientBoostingClassifier() {
    return new GradientBoostingClassifierTrainer();
  }

  /**
   * AdaBoost over trees (classification).
   *
   * @return the trainer
   */
  public static AdaBoostTrainer adaBoost() {
    return new AdaBoostTrainer();
  }

  /**
   * Linear discriminant analysis (classification).
   *
   * @return the trainer
   */
  public static LdaTrainer lda() {
    return new LdaTrainer();
  }

  /**
   * Ordinary least squares (regression).
   *
   * @return the trainer
   */
  public static OlsTrainer ols() {
    return new OlsTrainer();
  }

  /**
   * Ridge regression.
   *
   * @return the trainer
   */
  public static RidgeTrainer ridge() {
    return new RidgeTrainer();
  }

  /**
   * LASSO regression.
   *
   * @return the trainer
   */
  public static LassoTrainer lasso() {
    return new LassoTrainer();
  }

  /**
   * Random forest (regression).
   *
   * @return the trainer
   */
  public static RandomForestRegressorTrainer randomForestRegressor() {
    return new RandomForestRegressorTrainer();
  }

  /**
   * Gradient-boosted trees (regression).
   *
   * @return the trainer
   */
  public static GradientBoostingRegressorTrainer gradientBoostingRegressor() {
    return new GradientBoostingRegressorTrainer();
  }
}
