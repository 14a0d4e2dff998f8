package org.realname.gateway.privacy;

import org.realname.gateway.tenant.AccountRef;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.keys.BlindIndex;
import org.realname.gateway.keys.IdentityCipher;
import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.PersonName;
import org.realname.gateway.identity.Identity;

/**
 * Seals identities for storage under the account's data key. The associated data is
 * {@code table:column:recordId}, so a ciphertext copied to another row or column no longer
 * opens; one copied to another account does not either (other data key). After the account was
 * crypto-shredded nothing opens and nothing new is sealed ({@code ACCOUNT_ERASED}).
 */
@ApplicationScoped
public class IdentitySealer {

    private final IdentityCipher cipher;
    private final BlindIndex blindIndex;

    public IdentitySealer(IdentityCipher cipher, BlindIndex blindIndex) {
        this.cipher = cipher;
        this.blindIndex = blindIndex;
    }

    public SealedIdentity seal(AccountRef accountId, Identity identity, String table, String recordId) {
        List<SealedValue> sealed = cipher.sealAll(accountId, List.of(
                new IdentityCipher.Plain(identity.name().reveal(), aad(table, "name", recordId)),
                new IdentityCipher.Plain(identity.idNumber().reveal(), aad(table, "id_number", recordId))));
        SealedValue name = sealed.get(0);
        SealedValue id = sealed.get(1);
        return new SealedIdentity(name.keyId(), name.ciphertext(), id.ciphertext(), blindIndex.of(identity.idNumber()));
    }

    public Identity open(AccountRef accountId, SealedIdentity sealed, String table, String recordId) {
        List<String> opened = cipher.openAll(accountId, List.of(
                new IdentityCipher.Sealed(new SealedValue(sealed.keyId(), sealed.nameCiphertext()), aad(table, "name", recordId)),
                new IdentityCipher.Sealed(new SealedValue(sealed.keyId(), sealed.idNumberCiphertext()), aad(table, "id_number", recordId))));
        return new Identity(PersonName.parse(opened.get(0)), IdNumber.parse(opened.get(1)));
    }

    /** Opens only the name, for pages that show it masked. */
    public PersonName openName(AccountRef accountId, String keyId, byte[] nameCiphertext, String table, String recordId) {
        return PersonName.parse(cipher.open(accountId, new SealedValue(keyId, nameCiphertext), aad(table, "name", recordId)));
    }

    /** Whether the account was crypto-shredded: its identities no longer open. */
    public boolean isErased(AccountRef accountId) {
        return cipher.isErased(accountId);
    }

    public String blindIndex(IdNumber idNumber) {
        return blindIndex.of(idNumber);
    }

    static String aad(String table, String column, String recordId) {
        return table + ":" + column + ":" + recordId;
    }
}
