package io.modelgate.persistence;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Seals provider keys with Tink AEAD (AES-256-GCM). The associated data binds each ciphertext to its owner, its
 * instance and the id of the key that sealed it, so a row copied to another owner or instance does not open.
 * Thread-safe: the keyset is swapped whole on rotation, and the old keys stay in it, so reads never stop.
 */
final class CredentialCipher {
  /** A sealed value and the id of the keyset entry that sealed it. */
  record Sealed(long keyId, String ciphertext) {}

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final AtomicReference<KeysetHandle> keyset;
  private final @Nullable Path file;

  private CredentialCipher(KeysetHandle keyset, @Nullable Path file) {
    this.keyset = new AtomicReference<>(keyset);
    this.file = file;
  }

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A cipher on a keyset given as Tink JSON or as base64 of Tink JSON, as {@code MODELGATE_MASTER_KEY} holds it. */
  static CredentialCipher fromText(String keysetText) {
    String text = keysetText.strip();
    if (!text.startsWith("{")) {
      try {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the master key is neither a Tink JSON keyset nor base64 of one");
      }
    }
    return new CredentialCipher(parse(text, "the master key"), null);
  }

  /** A cipher on the keyset in {@code file}, which is created (owner-only) with a fresh keyset if missing. */
  static CredentialCipher fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
          writeOwnerOnly(file, serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)), false);
        } catch (FileAlreadyExistsException raced) {
          // another process created it first; read theirs
        }
      }
      return new CredentialCipher(parse(Files.readString(file), "the keyset file " + file), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the keyset file " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a master keyset", e);
    }
  }

  /** A new keyset with one AES-256-GCM key, as Tink JSON: for tests and for operators setting the variable. */
  static String newKeysetJson() {
    try {
      return serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a master keyset", e);
    }
  }

  @Nullable Path file() {
    return file;
  }

  long primaryKeyId() {
    return Integer.toUnsignedLong(keyset.get().getPrimary().getId());
  }

  Sealed seal(String owner, String instance, String plaintext) {
    KeysetHandle handle = keyset.get();
    long keyId = Integer.toUnsignedLong(handle.getPrimary().getId());
    try {
      byte[] sealed = aead(handle).encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
          associatedData(owner, instance, keyId));
      return new Sealed(keyId, Base64.getEncoder().encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the key of '" + owner + "' for '" + instance + "'", e);
    }
  }

  String open(String owner, String instance, long keyId, String ciphertext) {
    try {
      byte[] plain = aead(keyset.get()).decrypt(Base64.getDecoder().decode(ciphertext),
          associatedData(owner, instance, keyId));
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the stored key of '" + owner + "' for '" + instance + "' does not decrypt: "
          + "it was moved to another owner or instance, altered, or sealed with a master key this keyset lacks");
    }
  }

  /**
   * Adds a new AES-256-GCM key as primary, keeping the old ones, and saves the keyset file before new seals use
   * it. Only a keyset read from a file can rotate here; one from the environment is rotated by its operator.
   */
  void rotate() {
    if (file == null) {
      throw new IllegalStateException("the master keyset comes from MODELGATE_MASTER_KEY, so it cannot be rotated "
          + "here: add a new primary key to it (keeping the old keys), restart, then re-encrypt the credentials");
    }
    synchronized (this) {
      try {
        KeysetHandle rotated = KeysetHandle.newBuilder(keyset.get())
            .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId().makePrimary())
            .build();
        writeOwnerOnly(file, serialize(rotated), true);
        keyset.set(rotated);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot add a key to the master keyset", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the rotated keyset to " + file, e);
      }
    }
  }

  private static byte[] associatedData(String owner, String instance, long keyId) {
    String bound = "modelgate-credential|" + owner.length() + ":" + owner + "|" + instance.length() + ":" + instance
        + "|" + keyId;
    return bound.getBytes(StandardCharsets.UTF_8);
  }

  private static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static KeysetHandle parse(String json, String what) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(what + " is not a valid Tink JSON keyset");
    }
  }

  private static String serialize(KeysetHandle handle) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
  }

  private static void writeOwnerOnly(Path file, String content, boolean replace) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    if (!replace) {
      Files.writeString(Files.createFile(file, attrs), content);
      return;
    }
    Path temp = Files.createTempFile(dir, ".keyset", ".tmp", attrs);
    try {
      Files.writeString(temp, content);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
