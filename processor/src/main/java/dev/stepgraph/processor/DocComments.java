package dev.stepgraph.processor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The first sentence of a Javadoc comment, as plain text: the default description. */
final class DocComments {
  private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@[a-zA-Z]");
  private static final Pattern INLINE_TAG = Pattern.compile("\\{@([a-zA-Z]+)\\s*([^}]*)}");
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");

  private DocComments() {}

  /**
   * The first sentence of {@code docComment} (what {@code Elements.getDocComment} returns) without
   * tags, HTML and its final period; empty when there is none.
   */
  static String firstSentence(@Nullable String docComment) {
    if (docComment == null || docComment.isBlank()) {
      return "";
    }
    String text = docComment;
    Matcher blockTag = BLOCK_TAG.matcher(text);
    if (blockTag.find()) {
      text = text.substring(0, blockTag.start());
    }
    text = replaceInlineTags(text);
    text = HTML_TAG.matcher(text).replaceAll(" ");
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
    text = WHITESPACE.matcher(text).replaceAll(" ").trim();
    Matcher end = SENTENCE_END.matcher(text);
    if (end.find()) {
      text = text.substring(0, end.start() + (text.charAt(end.start()) == '.' ? 0 : 1));
    }
    return text.trim();
  }

  private static String replaceInlineTags(String text) {
    Matcher m = INLINE_TAG.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String tag = m.group(1);
      String body = m.group(2).trim();
      String replacement;
      if (tag.equals("link") || tag.equals("linkplain")) {
        int space = body.indexOf(' ');
        if (space >= 0) {
          replacement = body.substring(space + 1).trim();
        } else {
          replacement = body.startsWith("#") ? body.substring(1) : body.replace('#', '.');
        }
      } else if (tag.equals("inheritDoc")) {
        replacement = "";
      } else {
        replacement = body;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
