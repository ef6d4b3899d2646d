package io.vehicle.bridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verifies JWT access tokens with the bridge's public key (RS256 for RSA keys, ES256 for EC P-256 keys):
 * signature, expiry (required), not-before, and issuer and audience when configured; then reads the
 * caller's identity and scopes. Verified tokens are remembered (until they expire, at most
 * {@value #CACHE_SIZE}), so a client repeating its token costs one signature check, and a flood of bad
 * tokens costs at most one check each.
 */
public final class TokenVerifier {

    static final int CACHE_SIZE = 1024;
    /** Larger than any token a client needs; refused before parsing. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final JWSVerifier verifier;
    private final Set<JWSAlgorithm> algorithms;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Map<String, Identity> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Identity> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * @param issuer   the required {@code iss}, or null for any
     * @param audience a value {@code aud} must contain, or null for any
     */
    public TokenVerifier(PublicKey key, String issuer, String audience, Clock clock) {
        try {
            if (key instanceof RSAPublicKey rsa) {
                verifier = new RSASSAVerifier(rsa);
                algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
            } else if (key instanceof ECPublicKey ec) {
                verifier = new ECDSAVerifier(ec);
                algorithms = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
            } else {
                throw new IllegalArgumentException("the public key must be RSA or EC, not " + key.getAlgorithm());
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable public key: " + e.getMessage(), e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    public Identity verify(String token) throws AuthenticationException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        Instant now = clock.instant();
        Identity known;
        synchronized (verified) {
            known = verified.get(token);
        }
        if (known != null) {
            if (now.isAfter(known.expires().plus(CLOCK_SKEW))) {
                throw new AuthenticationException("token expired at " + known.expires());
            }
            return known;
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException("malformed token: " + e.getMessage());
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            throw new AuthenticationException("token signed with " + algorithm + "; this bridge accepts " + algorithms);
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new AuthenticationException("token signature does not verify with the bridge's public key");
            }
        } catch (JOSEException e) {
            throw new AuthenticationException("token signature cannot be checked: " + e.getMessage());
        }
        Identity identity = identity(claims, now);
        synchronized (verified) {
            verified.put(token, identity);
        }
        return identity;
    }

    private Identity identity(JWTClaimsSet claims, Instant now) throws AuthenticationException {
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new AuthenticationException("token has no expiry (exp)");
        }
        if (now.isAfter(expiry.toInstant().plus(CLOCK_SKEW))) {
            throw new AuthenticationException("token expired at " + expiry.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new AuthenticationException("token not valid before " + notBefore.toInstant());
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new AuthenticationException("token issuer '" + claims.getIssuer() + "' is not '" + issuer + "'");
        }
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            throw new AuthenticationException("token audience " + claims.getAudience() + " lacks '" + audience + "'");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("token has no subject (sub)");
        }
        String clientId;
        String scope;
        try {
            clientId = claims.getStringClaim("client_id");
            scope = claims.getStringClaim("scope");
        } catch (ParseException e) {
            throw new AuthenticationException("token claims client_id and scope must be strings");
        }
        Scopes scopes;
        try {
            scopes = Scopes.parse(scope);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("token " + e.getMessage());
        }
        return new Identity(subject, clientId == null ? "" : clientId, scopes, expiry.toInstant());
    }
}
