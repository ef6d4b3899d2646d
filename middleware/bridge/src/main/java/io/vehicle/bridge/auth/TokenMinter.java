package io.vehicle.bridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs access tokens for tests, benches and the demo (`vehicle bridge token`); real cars get theirs elsewhere. */
public final class TokenMinter {

    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;

    public TokenMinter(PrivateKey key) {
        try {
            if (key instanceof ECPrivateKey ec) {
                signer = new ECDSASigner(ec);
                algorithm = JWSAlgorithm.ES256;
            } else {
                signer = new RSASSASigner(key);
                algorithm = JWSAlgorithm.RS256;
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable private key: " + e.getMessage(), e);
        }
    }

    /**
     * @param clientId empty for none
     * @param scope    KUKSA scopes, e.g. "read actuate:Vehicle.Cabin.HVAC"
     * @param issuedAt the token is valid from here for {@code lifetime} (negative: already expired)
     */
    public String mint(String subject, String clientId, String scope, Instant issuedAt, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime))).jwtID(UUID.randomUUID().toString())
                .claim("scope", scope);
        if (!clientId.isEmpty()) {
            claims.claim("client_id", clientId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
