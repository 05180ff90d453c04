package io.modelgate.adapter.http;

/** The request methods an endpoint can be routed on. */
enum Method {
  GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS;

  /** The method as it is written on the request line. */
  String text() {
    return name();
  }
}
