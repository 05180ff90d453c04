package io.modelgate.adapter.cli;

import io.modelgate.adapter.http.HttpService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the HTTP service on the configured database until stopped (Ctrl-C).",
        "Prints where it listens and, on the first start, the bootstrap admin key (once)."},
    footer = {"", "Examples:", "  modelgate serve", "  MODELGATE_PORT=9090 modelgate serve",
        "  modelgate serve --port 0        # any free port"})
final class ServeCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(names = "--port", paramLabel = "N", description = "The port (default: MODELGATE_PORT, else 8080; 0 picks a "
      + "free one).")
  Integer port;

  ServeCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (cli.remote()) {
      throw new IllegalArgumentException("serve runs a server here; it takes no --server");
    }
    if (port != null && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
    }
    cli.out.flush();
    HttpService service = port != null ? HttpService.start(cli.env, port) : HttpService.start(cli.env);
    cli.markServed();
    // SIGTERM / Ctrl-C: no longer ready, calls in flight finish (MODELGATE_DRAIN_SECONDS), then it exits.
    service.runUntilStopped();
    return 0;
  }
}
