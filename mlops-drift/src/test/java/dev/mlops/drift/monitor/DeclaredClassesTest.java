package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The declared classes of a classifier (issue 17, item 3): from the profile's label or prediction
 * reference, or from the builder; a class index or label outside them is counted as data quality
 * and never sizes anything.
 */
final class DeclaredClassesTest {

  private static final Map<String, Object> ROW = Map.of("x", 0.1, "y", 0.2, "city", "paris");

  /** A profile whose label reference holds the classes 0, 1 and 2. */
  private static ReferenceProfile threeClassProfile() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y")
        .categorical("city", ReferenceProfile.LABEL);
    Fixtures.rows(300, 1, 0, 1).forEach(b::add);
    double[] labels = new double[300];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 3;
    }
    return b.addColumn(ReferenceProfile.LABEL, labels).build();
  }

  private static DriftMonitor.Builder builder(ReferenceProfile profile) {
    return DriftMonitor.builder(profile)
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000_000));
  }

  /** Records predictions r0..r5 with the given classes and labels, closes the window. */
  private static DriftReport labelled(DriftMonitor m, int[] classes, double[] labels) {
    for (int i = 0; i < classes.length; i++) {
      m.record(ROW, Prediction.ofClass(classes[i]), "r" + i);
    }
    for (int i = 0; i < labels.length; i++) {
      assertThat(m.recordLabel("r" + i, labels[i])).as("label of r%d joins", i).isTrue();
    }
    return m.closeWindow().orElseThrow();
  }

  @Test
  void classesOfTheLabelReference_areTheDeclaredClasses_aLabelOf3IsOutside() {
    DriftReport report = labelled(builder(threeClassProfile()).build(),
        new int[] {0, 1, 2, 2, 1, 0}, new double[] {0, 1, 2, 3, 100_000, 0.5});
    // 3 (not a class of the reference, though below the old bound of 256), 100,000 and 0.5
    assertThat(report.dataQuality().labelsOutsideClasses()).isEqualTo(3);
    assertThat(report.dataQuality().findings()).contains("labels: 3 labelled classifier"
        + " predictions with a label or class outside the 3 declared classes (left out of the"
        + " realised performance)");
    assertThat(report.performance().labelled()).isEqualTo(6);
    assertThat(report.performance().realised()).containsEntry("accuracy", 1.0);
  }

  @Test
  void recordLabel100000_andClassNearIntMax_withBuilderDeclaredClasses_areCountedNotAllocated() {
    DriftMonitor m = builder(Fixtures.profile(Fixtures.rows(300, 1, 0, 1))).classes(4).build();
    DriftReport report = labelled(m, new int[] {1, Integer.MAX_VALUE - 1, 0, 3, 4},
        new double[] {100_000, 1, 0, 3, 4});
    // r0: label 100,000; r1: class 2^31 - 2; r4: class and label 4 (outside 0..3)
    assertThat(report.dataQuality().labelsOutsideClasses()).isEqualTo(3);
    assertThat(report.dataQuality().findings()).anySatisfy(
        f -> assertThat(f).contains("3 labelled classifier predictions").contains("4 declared"));
    assertThat(report.performance().realised()).containsEntry("accuracy", 1.0);
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void withoutAClassReferenceOrOption_256ClassesAreDeclared() {
    DriftMonitor m = builder(Fixtures.profile(Fixtures.rows(300, 1, 0, 1))).build();
    DriftReport report = labelled(m, new int[] {255, 256, Integer.MAX_VALUE - 1},
        new double[] {255, 255, 100_000});
    assertThat(report.dataQuality().labelsOutsideClasses()).isEqualTo(2);
    assertThat(report.dataQuality().findings()).anySatisfy(
        f -> assertThat(f).contains("outside the 256 declared classes"));
  }

  @Test
  void builderClasses_areValidated_andMustCoverTheReference() {
    DriftMonitor.Builder b = builder(threeClassProfile());
    assertThatThrownBy(() -> b.classes(1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classes must be in [2, 1024]: 1");
    assertThatThrownBy(() -> b.classes(1_025)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classes must be in [2, 1024]: 1025");
    assertThatThrownBy(() -> b.classes(2).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classes must cover the 3 classes of the profile's prediction and label"
            + " references: 2");
    // more classes than the reference saw: class 4 is declared, 5 is not
    DriftReport report = labelled(builder(threeClassProfile()).classes(5).build(),
        new int[] {4, 4}, new double[] {4, 5});
    assertThat(report.dataQuality().labelsOutsideClasses()).isEqualTo(1);
  }

  @Test
  void referenceClasses_areTheLargerOfTheCategoryCountAndTheLargestCode() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y")
        .categorical("city", ReferenceProfile.LABEL);
    Fixtures.rows(4, 1, 0, 1).forEach(b::add);
    ReferenceProfile codes = b.addColumn(ReferenceProfile.LABEL, new double[] {1, 7, 1, 7}).build();
    assertThat(ProfileSchema.referenceClasses(codes.label())).isEqualTo(8);
    ReferenceProfile.Builder n = ReferenceProfile.builder().numeric("x", "y")
        .categorical("city", ReferenceProfile.LABEL);
    Fixtures.rows(3, 1, 0, 1).forEach(n::add);
    ReferenceProfile names =
        n.addColumn(ReferenceProfile.LABEL, new String[] {"cat", "dog", "eel"}).build();
    assertThat(ProfileSchema.referenceClasses(names.label())).isEqualTo(3);
    assertThat(ProfileSchema.referenceClasses(Fixtures.profile(Fixtures.rows(3, 1, 0, 1))
        .label())).isZero();
  }
}
