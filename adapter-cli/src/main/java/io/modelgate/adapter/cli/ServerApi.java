package io.modelgate.adapter.cli;

import io.modelgate.wire.AdminWire;
import io.modelgate.wire.ModelWire;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The server's HTTP API as {@link RemoteBackend} uses it, typed by the shared wire records (Retrofit over OkHttp
 * and Moshi). Path parameters arrive already encoded: model ids keep their {@code :} and {@code /}.
 */
interface ServerApi {
  // ---- models -----------------------------------------------------------------------------------------------

  @GET("api/admin/models")
  Call<AdminWire.Data<ModelWire.Entry>> models(@Query("provider") @Nullable String provider,
      @Query("category") @Nullable String category, @Query("status") @Nullable String status,
      @Query("q") @Nullable String text);

  /** The models a member may use, in the OpenAI-compatible list's shape. */
  @GET("v1/models")
  Call<AdminWire.Data<Map<String, Object>>> usableModels();

  @GET("api/admin/models/{id}")
  Call<AdminWire.Data<ModelWire.Entry>> model(@Path(value = "id", encoded = true) String id);

  @POST("api/admin/models/discover")
  Call<AdminWire.Report> discover(@Body AdminWire.DiscoverRequest request);

  @POST("api/admin/models/bulk-update")
  Call<AdminWire.Bulk> setStatus(@Body AdminWire.StatusRequest request);

  @POST("api/admin/models/set-default")
  Call<AdminWire.DefaultModel> setDefault(@Body AdminWire.DefaultRequest request);

  /** Seed 002's preferences; with {@code scope} an admin sets an org's or an agent's default. */
  @POST("api/users/preferences/llm")
  Call<Map<String, Object>> setPreference(@Body Map<String, Object> body);

  @GET("api/admin/models/migrations")
  Call<AdminWire.Data<AdminWire.Migration>> migrations();

  @POST("api/admin/models/migrations")
  Call<AdminWire.MigrationAdded> addMigration(@Body AdminWire.MigrationRequest request);

  /** The catalog as a caller sees it, with each provider's state and the default model of a category. */
  @GET("ai/models")
  Call<Map<String, Object>> catalog(@Query("category") @Nullable String category);

  // ---- providers --------------------------------------------------------------------------------------------

  @GET("api/admin/providers")
  Call<AdminWire.Data<AdminWire.Instance>> providers();

  @GET("api/admin/providers/{id}")
  Call<AdminWire.Instance> provider(@Path(value = "id", encoded = true) String id);

  @POST("api/admin/providers/health")
  Call<AdminWire.Data<AdminWire.Health>> probe(@Query("timeout_ms") long timeoutMs);

  @POST("api/admin/providers")
  Call<AdminWire.Instance> addProvider(@Body AdminWire.ProviderRequest request);

  @PATCH("api/admin/providers/{id}")
  Call<AdminWire.Instance> updateProvider(@Path(value = "id", encoded = true) String id,
      @Body AdminWire.ProviderRequest request);

  @DELETE("api/admin/providers/{id}")
  Call<Void> removeProvider(@Path(value = "id", encoded = true) String id);

  // ---- the caller's own provider keys -----------------------------------------------------------------------

  @GET("api/ai/api-keys")
  Call<AdminWire.Data<AdminWire.ProviderKey>> keys();

  @POST("api/ai/api-keys")
  Call<AdminWire.ProviderKey> addKey(@Body AdminWire.ApiKeyRequest request);

  @DELETE("api/ai/api-keys/{provider}")
  Call<Void> removeKey(@Path(value = "provider", encoded = true) String provider);

  // ---- accounts ---------------------------------------------------------------------------------------------

  @POST("api/admin/users/{id}/keys")
  Call<AdminWire.NewKey> issueKey(@Path(value = "id", encoded = true) String user,
      @Body AdminWire.KeyRequest request);

  @GET("api/admin/users/{id}/keys")
  Call<AdminWire.Data<AdminWire.KeyView>> gatewayKeys(@Path(value = "id", encoded = true) String user);

  @DELETE("api/admin/keys/{prefix}")
  Call<Void> revokeKey(@Path(value = "prefix", encoded = true) String prefix);

  @GET("api/admin/users")
  Call<AdminWire.Data<AdminWire.UserView>> users();

  @POST("api/admin/users")
  Call<AdminWire.UserView> createUser(@Body AdminWire.UserRequest request);

  @GET("api/admin/orgs")
  Call<AdminWire.Data<AdminWire.OrgView>> orgs();

  @POST("api/admin/orgs")
  Call<AdminWire.OrgView> createOrg(@Body AdminWire.OrgRequest request);

  @PUT("api/admin/orgs/{id}/allowed-models")
  Call<AdminWire.OrgView> allowModels(@Path(value = "id", encoded = true) String org,
      @Body AdminWire.AllowedModelsRequest request);

  // ---- aliases ----------------------------------------------------------------------------------------------

  @GET("api/admin/aliases")
  Call<AdminWire.Data<AdminWire.Alias>> aliases();

  @PUT("api/admin/aliases/{name}")
  Call<AdminWire.Alias> saveAlias(@Path(value = "name", encoded = true) String name,
      @Body AdminWire.AliasRequest request);

  @DELETE("api/admin/aliases/{name}")
  Call<Void> removeAlias(@Path(value = "name", encoded = true) String name);

  // ---- quota, usage, audit ----------------------------------------------------------------------------------

  @GET("api/admin/quotas/{kind}/{id}")
  Call<AdminWire.Quota> quota(@Path("kind") String kind, @Path(value = "id", encoded = true) String id);

  @PUT("api/admin/quotas/{kind}/{id}")
  Call<AdminWire.Quota> setQuota(@Path("kind") String kind, @Path(value = "id", encoded = true) String id,
      @Body AdminWire.Limits limits);

  @GET("api/admin/usage")
  Call<AdminWire.Usage> usage(@Query("group_by") String groupBy, @Query("from") @Nullable String from,
      @Query("to") @Nullable String to);

  @GET("api/admin/audit")
  Call<AdminWire.Data<AdminWire.Audit>> audit(@Query("limit") int limit);
}
