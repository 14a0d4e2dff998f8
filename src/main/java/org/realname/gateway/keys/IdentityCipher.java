package org.realname.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/** PLACEHOLDER replaced by the crypto branch merge: SM4-GCM with a process-local key. */
@ApplicationScoped
public class IdentityCipher {

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[16];
    private final BouncyCastleProvider bc = new BouncyCastleProvider();

    public IdentityCipher() {
        random.nextBytes(key);
    }

    public SealedValue seal(String plaintext, String aad) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("SM4/GCM/NoPadding", bc);
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[12 + ct.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return new SealedValue("record-v1", out);
        } catch (Exception e) {
            throw new GatewayException(ErrorCode.INTERNAL, "Encryption failed");
        }
    }

    public String open(SealedValue sealed, String aad) {
        try {
            byte[] in = sealed.ciphertext();
            Cipher c = Cipher.getInstance("SM4/GCM/NoPadding", bc);
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "SM4"), new GCMParameterSpec(128, in, 0, 12));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new GatewayException(ErrorCode.INTERNAL, "Decryption failed");
        }
    }
}
