package org.realname.gateway.keys;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway's secret keys live and how the key store is unlocked. */
@ConfigMapping(prefix = "gateway.keys")
public interface KeysConfig {

    /**
     * The BCFKS key store file holding the record-encryption and blind-index keys. Back it up
     * together with its password: without it, stored identities cannot be decrypted.
     */
    @WithDefault("${gateway.data-dir}/keys/gateway-keys.bcfks")
    Path storeFile();

    /**
     * Password of the key store and of each entry. Required. Production sets it from the
     * environment ({@code GATEWAY_KEYS_STORE_PASSWORD}); it is never logged.
     */
    String storePassword();

    /**
     * Whether a missing key store, or a missing key in it, is generated at start. On in the
     * embedded default; off in production, where a missing store or key stops the start.
     */
    @WithDefault("true")
    boolean createIfMissing();
}
