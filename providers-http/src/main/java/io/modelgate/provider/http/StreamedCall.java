package io.modelgate.provider.http;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.StreamBrokenException;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;

/**
 * Runs one streamed chat call on the calling thread, the same way for every protocol: a refused call becomes the
 * protocol's error, a successful response goes to the protocol's body reader, an I/O failure becomes the protocol's
 * broken-connection error (unless the consumer already left), an error thrown while reading ends the stream as that
 * error, and the queue is finished in every case (a body that ends before the model finished is a broken stream,
 * never a success). Only reading the body is each protocol's own.
 */
public final class StreamedCall {
  /** How a protocol reads what the provider sent. */
  @FunctionalInterface
  public interface ResponseReader<T> {
    T read(Response response) throws IOException;
  }

  /** How a protocol names an I/O failure, before ({@code started} false) or after the answer began. */
  @FunctionalInterface
  public interface IoFailure {
    ModelgateException of(IOException e, boolean started);
  }

  private StreamedCall() {}

  /**
   * A stream that ends at once because the request could not be written: a {@link ModelgateException} as it is,
   * any other bad argument (a value the protocol cannot carry) as an invalid request.
   */
  public static ChatEventQueue failedBeforeSending(RuntimeException e) {
    ChatEventQueue queue = new ChatEventQueue();
    queue.emit(new ChatEvent.Failed(e instanceof ModelgateException m ? m
        : new InvalidRequestException(e.getMessage(), null)));
    return queue;
  }

  /**
   * Executes {@code call} and feeds {@code queue}.
   *
   * @param provider the provider as messages name it ("Gemini")
   * @param refusal the error of a response that is not a success
   * @param broken the error of an I/O failure
   * @param body reads a successful response, emitting its events; returns nothing of use
   */
  public static void read(Call call, ChatEventQueue queue, String provider,
      ResponseReader<ModelgateException> refusal, IoFailure broken, ResponseReader<?> body) {
    boolean started = false;
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        queue.emit(new ChatEvent.Failed(refusal.read(response)));
        return;
      }
      started = true;
      body.read(response);
    } catch (ModelgateException e) {
      queue.emit(new ChatEvent.Failed(e));
    } catch (IOException e) {
      if (!queue.isClosed()) {
        queue.emit(new ChatEvent.Failed(broken.of(e, started)));
      }
    } catch (RuntimeException e) {
      queue.emit(new ChatEvent.Failed(new StreamBrokenException("reading the " + provider + " stream failed: " + e,
          e)));
    } finally {
      queue.finish();
    }
  }
}
