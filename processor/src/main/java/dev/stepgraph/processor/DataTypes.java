package dev.stepgraph.processor;

import java.util.regex.Pattern;

/**
 * Entity and relationship type names, as {@code @Step(emits, reads)} declare them: lowercase
 * letters and digits, words separated by single {@code -} or {@code _} ({@code host}, {@code
 * aws_iam_user}, {@code ec2-instance}).
 */
final class DataTypes {
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");

  private DataTypes() {}

  static boolean isTypeName(String type) {
    return TYPE_NAME.matcher(type).matches();
  }

  /**
   * What a message about a type that is not a type name says after naming it: the rule, and the
   * name to rename it to when {@link #toTypeName} finds one.
   */
  static String typeNameFix(String type) {
    String suggestion = toTypeName(type);
    return ", which is not a type name (lowercase letters and digits, words separated by single '-' or '_'): "
        + (suggestion.isEmpty() ? "rename it" : "rename it to '" + suggestion + "'");
  }

  /**
   * The type name closest to what was written: {@code Host} becomes {@code host}, {@code
   * AwsIamUser} {@code aws-iam-user}, {@code AWS_IAM_User} {@code aws_iam_user} (words joined by
   * underscores when it used underscores and no hyphens), {@code "host "} {@code host}, {@code hôte}
   * {@code hote}. Empty when nothing of it is a letter a-z or a digit.
   */
  static String toTypeName(String type) {
    char separator = type.indexOf('_') >= 0 && type.indexOf('-') < 0 ? '_' : '-';
    return Ids.words(type, separator, true);
  }
}
