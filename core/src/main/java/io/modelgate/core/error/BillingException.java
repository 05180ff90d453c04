package io.modelgate.core.error;

/**
 * The provider refused for billing reasons on its side (HTTP 402: no credit left, a spending cap reached, a plan
 * that does not include the model). The request and the key are fine; only someone topping up the provider
 * account helps, so it is not retriable here — but another provider may serve the call.
 */
public class BillingException extends NonRetriableException {
  public BillingException(String message) {
    super(message, "upstream_billing", null);
  }
}
