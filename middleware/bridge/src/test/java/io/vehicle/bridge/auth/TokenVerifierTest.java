package io.vehicle.bridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.vehicle.bridge.auth.Scopes.Action;
import io.vehicle.bridge.fixture.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token checks with real keys in PEM files: what passes, and every way a token is refused. */
class TokenVerifierTest {

    @TempDir
    Path dir;

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    TokenVerifier verifier(KeyPair pair, Clock clock) throws Exception {
        Path file = dir.resolve("key.pem");
        PemKeys.write(file, pair.getPublic());
        return new TokenVerifier(PemKeys.readPublic(file), null, null, clock);
    }

    TokenMinter minter(KeyPair pair) throws Exception {
        Path file = dir.resolve("private.pem");
        PemKeys.write(file, pair.getPrivate());
        return new TokenMinter(PemKeys.readPrivate(file));
    }

    @Test
    @DisplayName("RS256 and ES256 tokens verify; the identity is client_id (else sub) with the token's scopes")
    void valid() throws Exception {
        for (String kind : new String[] {"rsa", "ec"}) {
            KeyPair pair = PemKeys.generate(kind);
            TokenVerifier verifier = verifier(pair, Clock.fixed(NOW, java.time.ZoneOffset.UTC));
            Identity identity = verifier.verify(minter(pair).mint("dgaf4mvfs7", "assistant",
                    "read actuate:Vehicle.Cabin.Seat.Row2", NOW, Duration.ofMinutes(5)));
            assertThat(identity.writer()).isEqualTo("assistant");
            assertThat(identity.subject()).isEqualTo("dgaf4mvfs7");
            assertThat(identity.may(Action.ACTUATE, "Vehicle.Cabin.Seat.Row2.DriverSide.Heating")).isTrue();
            assertThat(identity.may(Action.ACTUATE, "Vehicle.Cabin.Seat.Row1.DriverSide.Heating")).isFalse();
            assertThat(verifier.verify(minter(pair).mint("bench", "", "read", NOW, Duration.ofMinutes(5))).writer())
                    .isEqualTo("bench");
        }
    }

    @Test
    @DisplayName("expired, not yet valid, wrongly signed, forged, malformed and incomplete tokens are refused with the reason")
    void refused() throws Exception {
        KeyPair pair = PemKeys.generate("rsa");
        MutableClock clock = new MutableClock(NOW);
        TokenVerifier verifier = verifier(pair, clock);
        TokenMinter minter = minter(pair);

        String expired = minter.mint("a", "", "read", NOW.minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verify(expired)).hasMessageContaining("expired");

        JWTClaimsSet future = new JWTClaimsSet.Builder().subject("a").notBeforeTime(Date.from(NOW.plusSeconds(600)))
                .expirationTime(Date.from(NOW.plusSeconds(1200))).build();
        SignedJWT early = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), future);
        early.sign(new com.nimbusds.jose.crypto.RSASSASigner(pair.getPrivate()));
        assertThatThrownBy(() -> verifier.verify(early.serialize())).hasMessageContaining("not valid before");

        String foreign = minter(PemKeys.generate("rsa")).mint("a", "", "read", NOW, Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verify(foreign)).hasMessageContaining("does not verify");

        // The classic forgery: HS256 with the public key as the HMAC secret.
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("a")
                .expirationTime(Date.from(NOW.plusSeconds(600))).claim("scope", "actuate").build());
        hmac.sign(new MACSigner(Files.readAllBytes(dir.resolve("key.pem"))));
        assertThatThrownBy(() -> verifier.verify(hmac.serialize())).hasMessageContaining("HS256");

        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("a")
                .expirationTime(Date.from(NOW.plusSeconds(600))).build()).serialize();
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(AuthenticationException.class);

        assertThatThrownBy(() -> verifier.verify("not.a.token")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> verifier.verify("x".repeat(10_000))).hasMessageContaining("longer than");

        SignedJWT noExpiry = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("a")
                .build());
        noExpiry.sign(new com.nimbusds.jose.crypto.RSASSASigner(pair.getPrivate()));
        assertThatThrownBy(() -> verifier.verify(noExpiry.serialize())).hasMessageContaining("no expiry");

        String badScope = minter.mint("a", "", "write:Vehicle", NOW, Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verify(badScope)).hasMessageContaining("unknown action 'write'");

        String good = minter.mint("a", "", "read", NOW, Duration.ofMinutes(1));
        assertThat(verifier.verify(good).writer()).isEqualTo("a");
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> verifier.verify(good)).as("a remembered token still expires")
                .hasMessageContaining("expired");
    }

    @Test
    @DisplayName("the authorization header must be a bearer token; with authorization off every caller is the configured writer")
    void header() throws Exception {
        KeyPair pair = PemKeys.generate("ec");
        Authenticator authenticator = Authenticator.enabled(verifier(pair, Clock.systemUTC()));
        assertThatThrownBy(() -> authenticator.authenticate(null)).hasMessageContaining("no token");
        assertThatThrownBy(() -> authenticator.authenticate("Basic dXNlcjpwYXNz")).hasMessageContaining("Bearer");
        String token = minter(pair).mint("a", "", "read", Instant.now(), Duration.ofMinutes(5));
        assertThat(authenticator.authenticate("bearer " + token).writer()).isEqualTo("a");
        Identity demo = Authenticator.disabled("demo").authenticate(null);
        assertThat(demo.writer()).isEqualTo("demo");
        assertThat(demo.may(Action.ACTUATE, "Vehicle.Body.Trunk.Rear.IsOpen")).isTrue();
    }
}
