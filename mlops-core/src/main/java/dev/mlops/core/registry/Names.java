package dev.mlops.core.registry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validation of model, alias and part names, and of paths resolved from them: names must be
 * portable, since a registry directory may be shared with Windows or live on a case-insensitive
 * file system (macOS by default). Stateless.
 */
final class Names {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  /** Device names Windows reserves, with or without an extension ("CON", "nul.txt", "COM1"). */
  private static final Pattern WINDOWS_RESERVED =
      Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?");

  private Names() {}

  /**
   * Checks a model, alias or part name.
   *
   * @param what what the name is, for the message (e.g. "model name")
   * @param value the name
   * @return the name
   */
  static String requireValid(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!NAME.matcher(value).matches() || value.contains("..") || value.startsWith(".")) {
      throw new IllegalArgumentException(
          what
              + " must be 1 to 128 letters, digits, '.', '_' or '-', not start with '.' and not"
              + " contain '..': "
              + printable(value));
    }
    if (value.endsWith(".")) {
      throw new IllegalArgumentException(
          what + " must not end with '.' (Windows drops it, so it names another file): "
              + printable(value));
    }
    if (WINDOWS_RESERVED.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must not be a device name Windows reserves (CON, PRN, AUX, NUL, COM0-9,"
              + " LPT0-9, with or without an extension): " + printable(value));
    }
    return value;
  }

  /** Whether {@link #requireValid} accepts a name. */
  static boolean isValid(String value) {
    try {
      requireValid("name", value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Refuses a name that differs only in case from an existing one: on a case-insensitive file
   * system both would be the same file.
   *
   * @param what what the name is, for the message
   * @param value the new name
   * @param existing the names already in use
   */
  static void requireNoCaseCollision(String what, String value, Iterable<String> existing) {
    for (String e : existing) {
      if (!e.equals(value) && e.equalsIgnoreCase(value)) {
        throw new IllegalArgumentException(what + " must not differ only in case from the existing "
            + printable(e) + " (one file on a case-insensitive file system): " + printable(value));
      }
    }
  }

  static String requireEventType(String value) {
    Objects.requireNonNull(value, "event type");
    if (!EVENT_TYPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "event type must be 1 to 64 lower-case letters, digits, '_', '.' or '-' starting with a"
              + " letter: "
              + printable(value));
    }
    return value;
  }

  static int requireVersion(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be positive: " + version);
    }
    return version;
  }

  /**
   * Resolves a validated name directly under a directory, refusing anything that would leave it.
   *
   * @param root the registry root every path must stay under
   * @param dir the directory (under root)
   * @param name the validated name
   * @return the child path
   */
  static Path child(Path root, Path dir, String name) {
    Path p = dir.resolve(name).normalize();
    if (!p.startsWith(root) || !dir.equals(p.getParent())) {
      throw new IllegalArgumentException(
          "name must resolve to a path under " + dir + ": " + printable(name));
    }
    return p;
  }

  /** Renders a value for a message, escaping control characters such as NUL. */
  static String printable(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
