package io.modelgate.core.error;

/** The provider or model cannot do what was asked: embeddings from a chat-only protocol, speech from Ollama. */
public class UnsupportedCapabilityException extends NonRetriableException {
  public UnsupportedCapabilityException(String message) {
    super(message, "unsupported", null);
  }
}
