package dev.mlops.core.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reading Java-serialised artifacts (Smile models) safely: an {@link ObjectInputFilter} allow-list
 * with limits, consulted by the stream for every class descriptor, array and reference
 * <em>before</em> the object is instantiated, so a class outside the list never runs a
 * constructor or {@code readObject}.
 *
 * <p>The default filter allows:
 * <ul>
 *   <li>every class in {@code smile.**};
 *   <li>the {@code java.base} types that serialised Smile 3.1.1 models were found to contain
 *       (random forest, gradient boosting, AdaBoost, logistic regression, LDA, decision and
 *       regression trees, OLS, ridge, lasso — classification and regression), recorded with a
 *       filter that lists every class it is asked about: {@code java.lang.Number},
 *       {@code Integer}, {@code Double}, {@code Enum}, {@code java.util.HashMap} (and the
 *       {@code Map$Entry[]} it allocates);
 *   <li>arrays of primitives and of allowed types ({@code String[]}, {@code Object[]} — whose
 *       elements are each checked).
 * </ul>
 * and rejects everything else, including {@code java.lang.invoke.SerializedLambda} and dynamic
 * proxies.
 *
 * <p>{@link #read} also bounds the work and memory a small hostile stream can cost, which an
 * allow-list alone does not:
 * <ul>
 *   <li>every array must fit the bytes that remain in the stream before it is allocated (a
 *       {@code double[n]} needs {@code 8 n} more bytes, an object array and a hash table one byte
 *       per element), so 35 bytes cannot declare {@code double[49_999_999]};
 *   <li>a {@code HashMap} may hold only keys of {@code String}, boxed primitives or enums, and may
 *       not be read inside another {@code HashMap} (a key or a value, directly or through other
 *       objects): nested maps are what make hashing work grow exponentially with the nesting
 *       depth (a few kilobytes would otherwise hash for minutes). A map can still become a key by
 *       a back-reference, so the references read inside maps times the largest map read so far
 *       (the most a map can spend hashing them) is bounded by {@value #MAX_MAP_HASH_WORK}. Smile
 *       3.1.1 models use maps only as flat name and level indices.
 * </ul> Limits: depth {@value #DEFAULT_MAX_DEPTH}, references {@value #DEFAULT_MAX_REFERENCES},
 * array length {@value #DEFAULT_MAX_ARRAY_LENGTH}, stream bytes {@value #DEFAULT_MAX_BYTES}; for
 * scale, a 100-tree Smile random forest on 17,000 rows of 20 features reaches depth 25, 1.9 million
 * references, arrays of 500 and 69 MB, so the defaults leave a margin of at least ten.
 *
 * <pre>{@code
 * RandomForest forest = SafeDeserialization.read(bytes, RandomForest.class);
 * // or with an own stream:
 * ObjectInputStream in = new ObjectInputStream(input);
 * in.setObjectInputFilter(SafeDeserialization.filter());
 * }</pre>
 *
 * <p>Thread-safe: filters are immutable.
 */
public final class SafeDeserialization {

  /** Default maximum nesting depth of the object graph. */
  public static final long DEFAULT_MAX_DEPTH = 200;
  /** Default maximum number of object references in one stream. */
  public static final long DEFAULT_MAX_REFERENCES = 20_000_000;
  /** Default maximum length of any single array. */
  public static final long DEFAULT_MAX_ARRAY_LENGTH = 50_000_000;
  /**
   * Bound on the hashing work {@link #read} lets the maps of one stream do through back-references:
   * references read inside a map times the size of the largest map read before.
   */
  public static final long MAX_MAP_HASH_WORK = 50_000_000;
  /** Default maximum number of bytes read from one stream. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  /** Exact java.base classes found in serialised Smile 3.1.1 models. */
  private static final Set<String> JAVA_BASE_CLASSES =
      Set.of(
          "java.lang.Number",
          "java.lang.Integer",
          "java.lang.Double",
          "java.lang.Enum",
          "java.lang.String",
          "java.lang.Object",
          "java.util.HashMap",
          "java.util.Map$Entry");

  private static final ObjectInputFilter DEFAULT = builder().build();

  private SafeDeserialization() {}

  /**
   * Returns the default allow-list filter.
   *
   * @return the filter (shared, immutable)
   */
  public static ObjectInputFilter filter() {
    return DEFAULT;
  }

  /**
   * Starts a filter with the default allow-list and limits, to add classes or change limits.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads one object through the default filter.
   *
   * @param <T> the expected type
   * @param bytes the serialised object
   * @param type the expected class of the object
   * @return the object
   * @throws UnsafeArtifactException if the stream is refused by the filter (nothing refused is
   *     instantiated), is not a valid serialisation stream, or holds another type
   */
  public static <T> T read(byte[] bytes, Class<T> type) {
    return read(bytes, type, DEFAULT);
  }

  /**
   * Reads one object through a filter.
   *
   * @param <T> the expected type
   * @param bytes the serialised object
   * @param type the expected class of the object
   * @param filter the filter, e.g. from {@link #builder()}
   * @return the object
   * @throws UnsafeArtifactException if the stream is refused by the filter, is not a valid
   *     serialisation stream, or holds another type
   */
  public static <T> T read(byte[] bytes, Class<T> type, ObjectInputFilter filter) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(filter, "filter");
    Recording recording = new Recording(filter, bytes.length);
    try (BoundedStream in = new BoundedStream(bytes, recording)) {
      in.setObjectInputFilter(recording);
      Object o = in.readObject();
      if (!type.isInstance(o)) {
        throw new UnsafeArtifactException(
            "serialised artifact must hold a " + type.getName() + ": "
                + (o == null ? "null" : o.getClass().getName()),
            null);
      }
      return type.cast(o);
    } catch (InvalidClassException e) {
      String why = recording.rejection == null ? e.getMessage() : recording.rejection;
      throw new UnsafeArtifactException(
          "serialised artifact was refused before instantiation (filter status REJECTED): " + why, e);
    } catch (ObjectStreamException | ClassNotFoundException e) {
      throw new UnsafeArtifactException("serialised artifact is not a valid object stream: " + e, e);
    } catch (IOException | RuntimeException e) {
      throw new UnsafeArtifactException("serialised artifact could not be read: " + e, e);
    } catch (StackOverflowError e) {
      throw new UnsafeArtifactException("serialised artifact is nested too deeply", null);
    }
  }

  /**
   * The stream of {@link #read}: substitutes nothing, but sees every object once it is read, to
   * close the hash map opened by {@link Recording} and check its keys. Not thread-safe.
   */
  private static final class BoundedStream extends ObjectInputStream {
    private final Recording recording;

    BoundedStream(byte[] bytes, Recording recording) throws IOException {
      super(new ByteArrayInputStream(bytes));
      this.recording = recording;
      enableResolveObject(true);
    }

    @Override
    protected Object resolveObject(Object obj) throws IOException {
      if (obj instanceof HashMap<?, ?> map && !map.isEmpty()) {
        // a non-empty map had its table checked when its reading began; an empty one had none
        recording.openMaps--;
        recording.largestMap = Math.max(recording.largestMap, map.size());
        for (Object key : map.keySet()) {
          if (!(key == null || key instanceof String || key instanceof Enum<?>
              || key instanceof Integer || key instanceof Long || key instanceof Double
              || key instanceof Float || key instanceof Short || key instanceof Byte
              || key instanceof Character || key instanceof Boolean)) {
            recording.reject("a HashMap key must be a string, a boxed primitive or an enum: "
                + key.getClass().getName());
            throw new InvalidClassException(recording.rejection);
          }
        }
      }
      return obj;
    }
  }

  /**
   * Remembers the first rejection of one stream, to name it in the exception, and applies the
   * limits that need the stream's length and its open hash maps. Not thread-safe.
   */
  private static final class Recording implements ObjectInputFilter {
    private final ObjectInputFilter delegate;
    private final long length;
    private String rejection;
    /** Hash maps whose reading began (their table was checked) and did not end. */
    int openMaps;
    /** Entries of the largest map read so far: what hashing one back-referenced map can cost. */
    long largestMap;
    /** References read while a map was open. */
    long referencesInMaps;

    Recording(ObjectInputFilter delegate, long length) {
      this.delegate = delegate;
      this.length = length;
    }

    void reject(String why) {
      if (rejection == null) {
        rejection = why;
      }
    }

    @Override
    public Status checkInput(FilterInfo info) {
      Status status = delegate.checkInput(info);
      if (status != Status.REJECTED) {
        String why = bounds(info);
        if (why != null) {
          reject(why);
          return Status.REJECTED;
        }
      }
      if (status == Status.REJECTED && rejection == null) {
        rejection =
            delegate instanceof AllowListFilter allowList
                ? allowList.rejectionReason(info)
                : "class " + (info.serialClass() == null ? "none" : info.serialClass().getName())
                    + ", depth " + info.depth() + ", references " + info.references()
                    + ", array length " + info.arrayLength() + ", bytes " + info.streamBytes();
      }
      return status;
    }

    /** Why an allowed element is still refused: an array the stream is too short for, a nested map. */
    private String bounds(FilterInfo info) {
      Class<?> c = info.serialClass();
      long n = info.arrayLength();
      if (c == null && openMaps > 0) {
        // a back-reference inside a map: possibly a key whose hashing walks a whole map
        referencesInMaps++;
        if (referencesInMaps * largestMap > MAX_MAP_HASH_WORK) {
          return "hash maps must not hash more than " + MAX_MAP_HASH_WORK + " entries: "
              + referencesInMaps + " references inside maps, largest map " + largestMap;
        }
      }
      if (c == null || !c.isArray() || n < 0) {
        return null;
      }
      long remaining = Math.max(0, length - info.streamBytes());
      Class<?> component = c.getComponentType();
      if (component == Map.Entry.class) {
        // a HashMap's table, checked as its reading begins: one per map, capacity < 4 x mappings
        if (openMaps > 0) {
          return "a HashMap must not be read inside another HashMap (nested maps make hashing"
              + " work grow exponentially)";
        }
        openMaps++;
        return n > 4 * remaining + 16 ? "a HashMap of capacity " + n + " needs more than the "
            + remaining + " bytes left in the stream" : null;
      }
      long perElement = !component.isPrimitive() ? 1
          : component == long.class || component == double.class ? 8
          : component == int.class || component == float.class ? 4
          : component == short.class || component == char.class ? 2 : 1;
      if (n > remaining / perElement) {
        return "array " + c.getSimpleName().replace("[]", "[" + n + "]") + " needs at least "
            + n * perElement + " bytes but "
            + remaining + " remain in the stream";
      }
      return null;
    }
  }

  /** Configures an allow-list filter. Not thread-safe; the built filter is. */
  public static final class Builder {
    private final Set<String> classes = new LinkedHashSet<>(JAVA_BASE_CLASSES);
    private final Set<String> packages = new LinkedHashSet<>(List.of("smile."));
    private long maxDepth = DEFAULT_MAX_DEPTH;
    private long maxReferences = DEFAULT_MAX_REFERENCES;
    private long maxArrayLength = DEFAULT_MAX_ARRAY_LENGTH;
    private long maxBytes = DEFAULT_MAX_BYTES;

    private Builder() {}

    /**
     * Allows one more class (exactly that class, not its subclasses).
     *
     * @param type the class
     * @return this builder
     */
    public Builder allowClass(Class<?> type) {
      Objects.requireNonNull(type, "type");
      if (type.isArray() || type.isPrimitive()) {
        throw new IllegalArgumentException("allowed class must not be an array or primitive: " + type);
      }
      classes.add(type.getName());
      return this;
    }

    /**
     * Allows every class in a package and its sub-packages (e.g. {@code "dev.mlops.core.transform"}).
     *
     * @param packageName the package name
     * @return this builder
     */
    public Builder allowPackage(String packageName) {
      Objects.requireNonNull(packageName, "packageName");
      if (!packageName.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+")
          || packageName.startsWith("java.")
          || packageName.startsWith("javax.")
          || packageName.startsWith("jdk.")
          || packageName.startsWith("sun.")
          || packageName.startsWith("com.sun.")) {
        throw new IllegalArgumentException(
            "package must be a qualified name outside the JDK: " + packageName);
      }
      packages.add(packageName + ".");
      return this;
    }

    /**
     * Sets the maximum nesting depth.
     *
     * @param value the depth, positive
     * @return this builder
     */
    public Builder maxDepth(long value) {
      this.maxDepth = positive("max depth", value);
      return this;
    }

    /**
     * Sets the maximum number of references.
     *
     * @param value the count, positive
     * @return this builder
     */
    public Builder maxReferences(long value) {
      this.maxReferences = positive("max references", value);
      return this;
    }

    /**
     * Sets the maximum length of any array.
     *
     * @param value the length, positive
     * @return this builder
     */
    public Builder maxArrayLength(long value) {
      this.maxArrayLength = positive("max array length", value);
      return this;
    }

    /**
     * Sets the maximum number of stream bytes.
     *
     * @param value the byte count, positive
     * @return this builder
     */
    public Builder maxBytes(long value) {
      this.maxBytes = positive("max bytes", value);
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return an immutable filter
     */
    public ObjectInputFilter build() {
      return new AllowListFilter(
          Set.copyOf(classes), List.copyOf(packages), maxDepth, maxReferences, maxArrayLength, maxBytes);
    }

    private static long positive(String what, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(what + " must be positive: " + value);
      }
      return value;
    }
  }

  private record AllowListFilter(
      Set<String> classes,
      List<String> packages,
      long maxDepth,
      long maxReferences,
      long maxArrayLength,
      long maxBytes)
      implements ObjectInputFilter {

    @Override
    public Status checkInput(FilterInfo info) {
      return rejectionReason(info) == null ? Status.ALLOWED : Status.REJECTED;
    }

    /** Returns why the stream element is refused, or null if it is allowed. */
    String rejectionReason(FilterInfo info) {
      if (info.depth() > maxDepth) {
        return "graph depth " + info.depth() + " exceeds " + maxDepth;
      }
      if (info.references() > maxReferences) {
        return "reference count " + info.references() + " exceeds " + maxReferences;
      }
      if (info.arrayLength() > maxArrayLength) {
        return "array length " + info.arrayLength() + " exceeds " + maxArrayLength;
      }
      if (info.streamBytes() > maxBytes) {
        return "stream size " + info.streamBytes() + " bytes exceeds " + maxBytes;
      }
      Class<?> c = info.serialClass();
      if (c == null) {
        return null;
      }
      Class<?> component = c;
      while (component.isArray()) {
        component = component.getComponentType();
      }
      if (component.isPrimitive()) {
        return null;
      }
      if (java.lang.reflect.Proxy.isProxyClass(component)) {
        return "dynamic proxy class " + c.getName() + " is not allowed";
      }
      String name = component.getName();
      if (classes.contains(name)) {
        return null;
      }
      for (String p : packages) {
        if (name.startsWith(p)) {
          return null;
        }
      }
      return "class " + c.getName() + " is not in the allow-list";
    }

    @Override
    public String toString() {
      return "SafeDeserialization allow-list " + packages + " + " + new java.util.TreeSet<>(classes)
          + " (depth <= " + maxDepth + ", references <= " + maxReferences + ", array length <= "
          + maxArrayLength + ", bytes <= " + maxBytes + ")";
    }
  }
}
