package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;
import org.realname.gateway.provider.alipay.SignType;

/**
 * The client–sandbox protocol with {@code gateway.provider.alipay.sign-type=SM2} and nothing else
 * changed: the one setting must switch the algorithm and, through the embedded default's
 * interpolation, the key files.
 */
@QuarkusTest
@TestProfile(SandboxProtocolSm2Test.Sm2.class)
class SandboxProtocolSm2Test extends SandboxProtocolContract {

    public static final class Sm2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.provider.alipay.sign-type", "SM2");
        }
    }

    @Test
    void signTypeSetting_choosesSm2AndItsKeyFiles() {
        assertEquals(SignType.SM2, clientConfig.signType());
        assertEquals(SandboxKeyMaterial.appPrivate(SignType.SM2), clientConfig.appPrivateKeyFile().getFileName().toString());
        assertEquals(SandboxKeyMaterial.providerPublic(SignType.SM2), clientConfig.providerPublicKeyFile().getFileName().toString());
    }
}
