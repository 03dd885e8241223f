package dev.albatross.client.cert;

import dev.albatross.protocol.der.Bytes;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Albatross's three certificate profiles (spec §6.2), with the extension values byte for byte as ocaml-x509
 * encodes them. Key usage is written with nine bits (the unused-bits count is 7), as x509 does, not in the
 * minimal DER form BouncyCastle would choose.
 * <pre>
 * CA      d_exts  basicConstraints CA (critical), keyUsage keyCertSign cRLSign digitalSignature
 *                 contentCommitment (critical)
 * LEAF    l_exts  keyUsage digitalSignature keyEncipherment (critical), basicConstraints not CA (critical),
 *                 extKeyUsage clientAuth (critical)
 * SERVER  s_exts  as LEAF, but extKeyUsage serverAuth
 * </pre>
 */
public enum Profile {
    CA, LEAF, SERVER;

    /** One extension: OID, criticality, the extnValue contents. */
    public record Ext(ASN1ObjectIdentifier oid, boolean critical, Bytes value) {
    }

    private static final Bytes KU_CA = Bytes.fromHex("030307c600");
    private static final Bytes KU_END_ENTITY = Bytes.fromHex("030307a000");
    private static final Bytes BC_CA = Bytes.fromHex("30030101ff");
    private static final Bytes BC_END_ENTITY = Bytes.fromHex("3000");
    private static final Bytes EKU_CLIENT = Bytes.fromHex("300a06082b06010505070302");
    private static final Bytes EKU_SERVER = Bytes.fromHex("300a06082b06010505070301");

    /** The profile's own extensions (without the command extension and key identifiers). */
    public List<Ext> extensions() {
        return switch (this) {
            case CA -> List.of(new Ext(Extension.keyUsage, true, KU_CA),
                    new Ext(Extension.basicConstraints, true, BC_CA));
            case LEAF -> List.of(new Ext(Extension.keyUsage, true, KU_END_ENTITY),
                    new Ext(Extension.basicConstraints, true, BC_END_ENTITY),
                    new Ext(Extension.extendedKeyUsage, true, EKU_CLIENT));
            case SERVER -> List.of(new Ext(Extension.keyUsage, true, KU_END_ENTITY),
                    new Ext(Extension.basicConstraints, true, BC_END_ENTITY),
                    new Ext(Extension.extendedKeyUsage, true, EKU_SERVER));
        };
    }
}
