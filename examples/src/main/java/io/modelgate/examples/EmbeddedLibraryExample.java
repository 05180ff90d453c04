package io.modelgate.examples;

import io.modelgate.core.Modelgate;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.demo.DemoDriver;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.catalog.ModelFilter;

/**
 * Modelgate as a library: build a gateway with the offline demo provider and in-memory stores, discover its
 * models, and stream a reply. Run with {@code mvn -q -pl examples -am compile exec:java}.
 */
public final class EmbeddedLibraryExample {
  private EmbeddedLibraryExample() {}

  public static void main(String[] args) {
    Modelgate modelgate = Modelgate.builder()
        .driver(new DemoDriver())
        .instance(DemoDriver.instance())
        .build();

    modelgate.discovery().discover(DiscoveryRequest.ALL);
    for (CatalogEntry model : modelgate.catalog().list(ModelFilter.ALL)) {
      System.out.println(model.id() + "  " + model.category().wireName() + "  " + model.status().wireName());
    }

    String prompt = args.length > 0 ? String.join(" ", args) : "Hello from the library";
    try (GatewayChat call = modelgate.gateway().stream(ChatRequest.of("demo:echo", prompt))) {
      System.out.println("served by " + call.route().servedId());
      for (ChatEvent event = call.stream().next(); !event.terminal(); event = call.stream().next()) {
        if (event instanceof ChatEvent.TextDelta delta) {
          System.out.print(delta.text());
          System.out.flush();
        }
      }
      System.out.println();
    }
  }
}
