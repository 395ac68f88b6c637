package cn.carecircle.api.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase ID tokens as the Auth emulator issues them: unsigned ({@code alg: none}), which the Admin SDK accepts
 * only in emulator mode.
 */
public final class Tokens {

    public static final String PROJECT = "demo-carecircle";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Tokens() {}

    public static String idToken(String uid, Map<String, Object> claims, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", "https://securetoken.google.com/" + PROJECT);
        payload.put("aud", PROJECT);
        payload.put("sub", uid);
        payload.put("user_id", uid);
        payload.put("iat", now.getEpochSecond() - 10);
        payload.put("auth_time", now.getEpochSecond() - 10);
        payload.put("exp", now.getEpochSecond() + 3600);
        payload.putAll(claims);
        return encode(Map.of("alg", "none", "typ", "JWT")) + "." + encode(payload) + ".";
    }

    private static String encode(Map<String, Object> part) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsString(part).getBytes(StandardCharsets.UTF_8));
    }
}
