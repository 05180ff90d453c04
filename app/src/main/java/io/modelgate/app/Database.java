package io.modelgate.app;

/** The storage a graph opened (a database pool, a Redis connection): close it when the graph's work is done. */
@FunctionalInterface
public interface Database extends AutoCloseable {
  @Override
  void close();
}
