package dev.stepgraph.processor;

import org.jspecify.annotations.Nullable;

/**
 * Java source text reduced to its tokens, one space between two, so that formatting and comments
 * do not count: what a step's fingerprint ({@link StepFingerprint}) reads of its method. Plain
 * Java, no compiler API, so the result is the same on every JDK (javac's pretty printer changes
 * from one release to the next).
 *
 * <ul>
 *   <li>Whitespace (space, tab, form feed, line terminators) and comments ({@code //}, {@code /*},
 *       Javadoc) are dropped.
 *   <li>String and character literals are kept as written, escapes included.
 *   <li>A text block is kept as written but for its incidental indentation and line terminators,
 *       which are the compiler's ({@link String#stripIndent}): re-indenting the method around it
 *       or checking it out with CRLF changes nothing, editing its content does.
 *   <li>Identifiers, keywords and numbers are one token each; operators by the longest match,
 *       except that {@code >>} and {@code >>>} are split into single {@code >}: javac splits them
 *       too where they close type arguments, so {@code List<List<String>>} and {@code
 *       List<List<String> >} come out the same. Where they shift, a space in between would not
 *       compile, so nothing that compiles is taken for something else.
 * </ul>
 *
 * <p>Unicode escapes ({@code \u0041}) are not translated: they are kept as written.
 */
final class JavaTokens {
  /** Operators of more than one character, longest first; {@code >>} and {@code >>>} left out on purpose. */
  private static final String[] OPERATORS = {
    ">>>=", "<<=", ">>=", "...", "->", "::", "++", "--", "&&", "||", "==", "!=", "<=", ">=",
    "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<",
  };

  private final CharSequence source;
  private final StringBuilder out;
  private int position;

  private JavaTokens(CharSequence source, StringBuilder out) {
    this.source = source;
    this.out = out;
  }

  /** The tokens of {@code source}, one space between two. */
  static String of(CharSequence source) {
    StringBuilder out = new StringBuilder(source.length());
    new JavaTokens(source, out).appendAll();
    return out.toString();
  }

  private void appendAll() {
    for (String token = next(); token != null; token = next()) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(token);
    }
  }

  /** The next token, or null at the end. */
  private @Nullable String next() {
    skipWhitespaceAndComments();
    int length = source.length();
    if (position >= length) {
      return null;
    }
    int start = position;
    char c = source.charAt(position);
    if (c == '"' && startsWith("\"\"\"", position)) {
      return textBlock();
    }
    if (c == '"' || c == '\'') {
      position = endOfQuoted(position + 1, c);
      return source.subSequence(start, position).toString();
    }
    if (isDigit(c) || (c == '.' && position + 1 < length && isDigit(source.charAt(position + 1)))) {
      position = endOfNumber(position);
      return source.subSequence(start, position).toString();
    }
    int codePoint = Character.codePointAt(source, position);
    if (Character.isJavaIdentifierStart(codePoint)) {
      position += Character.charCount(codePoint);
      while (position < length) {
        int part = Character.codePointAt(source, position);
        if (!Character.isJavaIdentifierPart(part)) {
          break;
        }
        position += Character.charCount(part);
      }
      return source.subSequence(start, position).toString();
    }
    for (String operator : OPERATORS) {
      if (startsWith(operator, position)) {
        position += operator.length();
        return operator;
      }
    }
    position += Character.charCount(codePoint);
    return source.subSequence(start, position).toString();
  }

  private void skipWhitespaceAndComments() {
    int length = source.length();
    while (position < length) {
      char c = source.charAt(position);
      if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
        position++;
      } else if (startsWith("//", position)) {
        while (position < length && source.charAt(position) != '\n' && source.charAt(position) != '\r') {
          position++;
        }
      } else if (startsWith("/*", position)) {
        int end = indexOf("*/", position + 2);
        position = end < 0 ? length : end + 2;
      } else {
        return;
      }
    }
  }

  /** After the closing quote of a string or character literal; at the line's end if there is none. */
  private int endOfQuoted(int from, char quote) {
    int i = from;
    int length = source.length();
    while (i < length) {
      char c = source.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else if (c == '\n' || c == '\r') {
        return i;
      } else {
        i++;
      }
    }
    return length;
  }

  /**
   * A text block: its opening delimiter ({@code """} and the line terminator, whatever spaces
   * there are before it), then its content with the incidental indentation stripped and line
   * terminators made {@code \n}, as the compiler does before it translates escapes, then the
   * closing delimiter.
   */
  private String textBlock() {
    int length = source.length();
    int contentStart = position + 3;
    while (contentStart < length && source.charAt(contentStart) != '\n' && source.charAt(contentStart) != '\r') {
      contentStart++;
    }
    if (contentStart < length && source.charAt(contentStart) == '\r') {
      contentStart++;
    }
    if (contentStart < length && source.charAt(contentStart) == '\n') {
      contentStart++;
    }
    int i = contentStart;
    int contentEnd = length;
    while (i < length) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (startsWith("\"\"\"", i)) {
        contentEnd = i;
        break;
      } else {
        i++;
      }
    }
    String opening = source.subSequence(position, Math.min(contentStart, length)).toString().strip();
    String content = source.subSequence(Math.min(contentStart, contentEnd), contentEnd).toString().stripIndent();
    position = Math.min(contentEnd + 3, length);
    return opening + "\n" + content + "\"\"\"";
  }

  /**
   * After a number: digits, letters (hex digits, {@code L}, {@code f}, {@code x}, {@code e}),
   * underscores and dots, and a sign right after the exponent ({@code e} of a decimal number,
   * {@code p} of a hexadecimal one).
   */
  private int endOfNumber(int from) {
    boolean hex = startsWith("0x", from) || startsWith("0X", from);
    int i = from;
    int length = source.length();
    while (i < length) {
      char c = source.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        i++;
      } else if ((c == '+' || c == '-') && i > from && isExponent(source.charAt(i - 1), hex)) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isExponent(char c, boolean hex) {
    return hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private boolean startsWith(String prefix, int at) {
    if (at + prefix.length() > source.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (source.charAt(at + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(String text, int from) {
    for (int i = from; i + text.length() <= source.length(); i++) {
      if (startsWith(text, i)) {
        return i;
      }
    }
    return -1;
  }
}
