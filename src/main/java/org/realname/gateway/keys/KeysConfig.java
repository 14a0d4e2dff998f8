package org.realname.gateway.keys;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway's master keys live, how the key store is unlocked, and the re-wrap job. */
@ConfigMapping(prefix = "gateway.keys")
public interface KeysConfig {

    /**
     * The BCFKS key store file holding the KEKs, the blind-index key and the signing keys. Back
     * it up together with its password, and again after every rotation: without it, stored
     * identities cannot be decrypted.
     */
    @WithDefault("${gateway.data-dir}/keys/gateway-keys.bcfks")
    Path storeFile();

    /**
     * Password of the key store and of each entry. Required. Production sets it from the
     * environment ({@code GATEWAY_KEYS_STORE_PASSWORD}); it is never logged.
     */
    String storePassword();

    /**
     * Whether a missing key store, or a missing kind of key in it, is generated at start. On in
     * the embedded default; off in production, where a missing store or key stops the start.
     */
    @WithDefault("true")
    boolean createIfMissing();

    /** How many data keys the re-wrap job moves to the ACTIVE KEK per transaction. */
    @WithDefault("200")
    int rewrapBatchSize();

    /** How often each instance looks for data keys to re-wrap ({@link KeyRewrapJob}). */
    @WithDefault("PT30S")
    Duration rewrapInterval();

    /** How long after start the re-wrap job first runs. */
    @WithDefault("PT5S")
    Duration rewrapDelay();
}
