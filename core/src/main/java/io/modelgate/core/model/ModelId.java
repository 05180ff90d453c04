package io.modelgate.core.model;

import java.util.regex.Pattern;

/**
 * A model's id across every provider: {@code <provider-instance>:<model>}, split at the first colon, so
 * {@code ollama-mac:llama3.1:8b} is instance {@code ollama-mac} and model {@code llama3.1:8b}.
 */
public record ModelId(String instance, String model) implements Comparable<ModelId> {
  private static final Pattern INSTANCE = Pattern.compile("[a-z0-9-]{1,64}");
  private static final int MAX_MODEL_LENGTH = 256;

  public ModelId {
    checkInstanceId(instance);
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("'model' must not be blank in a model id");
    }
    if (model.length() > MAX_MODEL_LENGTH) {
      throw new IllegalArgumentException(
          "'model' must be at most " + MAX_MODEL_LENGTH + " characters, was " + model.length());
    }
    for (int i = 0; i < model.length(); i++) {
      char c = model.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("'model' must not contain white space or control characters");
      }
    }
  }

  /** Parses {@code instance:model}; the error names what is wrong. */
  public static ModelId parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank; expected '<provider-instance>:<model>'");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "model id '" + abbreviate(text) + "' has no ':'; expected '<provider-instance>:<model>'");
    }
    return new ModelId(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Checks a provider-instance id: lower-case letters, digits and '-', 1 to 64 characters. */
  public static String checkInstanceId(String instance) {
    if (instance == null || instance.isEmpty()) {
      throw new IllegalArgumentException("provider instance id must not be empty");
    }
    if (!INSTANCE.matcher(instance).matches()) {
      throw new IllegalArgumentException(
          "provider instance id '" + abbreviate(instance)
              + "' must be 1-64 characters of lower-case letters, digits and '-'");
    }
    return instance;
  }

  public static boolean isInstanceId(String text) {
    return text != null && INSTANCE.matcher(text).matches();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  @Override
  public int compareTo(ModelId other) {
    int c = instance.compareTo(other.instance);
    return c != 0 ? c : model.compareTo(other.model);
  }

  @Override
  public String toString() {
    return instance + ':' + model;
  }
}
