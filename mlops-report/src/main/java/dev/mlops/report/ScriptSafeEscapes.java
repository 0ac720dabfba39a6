package dev.mlops.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson escapes that make JSON safe to embed inside an HTML {@code <script>} element: {@code <},
 * {@code >}, {@code &}, {@code '} and the JavaScript line terminators U+2028/U+2029 are written as
 * {@code \}{@code uXXXX}, so no string value can close the script element or open a comment.
 */
final class ScriptSafeEscapes extends CharacterEscapes {

  private static final long serialVersionUID = 1L;

  private final int[] asciiEscapes;

  ScriptSafeEscapes() {
    asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();
    asciiEscapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
    asciiEscapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
    asciiEscapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
    asciiEscapes['\''] = CharacterEscapes.ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return asciiEscapes;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch == 0x2028) {
      return new SerializedString("\\u2028");
    }
    if (ch == 0x2029) {
      return new SerializedString("\\u2029");
    }
    return null;
  }
}
