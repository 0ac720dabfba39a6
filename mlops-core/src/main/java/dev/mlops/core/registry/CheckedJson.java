package dev.mlops.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.internal.CoreJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Self-verifying JSON documents: a compact JSON object whose last field {@code "sha256"} is the
 * SHA-256 of the compact serialisation of the other fields. A document is accepted only if it
 * parses, re-serialises to exactly the same bytes (so no byte can change without changing the
 * content) and its digest matches. Stateless and thread-safe.
 */
final class CheckedJson {

  /** The module's one mapper (it rejects duplicate keys; trees are written as they are). */
  static final ObjectMapper MAPPER = CoreJson.MAPPER;
  private static final String DIGEST_FIELD = "sha256";

  private CheckedJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Returns the bytes of the document for a body (which must not have a "sha256" field). */
  static byte[] encode(ObjectNode body) {
    ObjectNode doc = body.deepCopy();
    doc.put(DIGEST_FIELD, sha256Hex(write(body)));
    return write(doc);
  }

  /** Returns the digest stored by {@link #encode} for a body. */
  static String digestOf(ObjectNode body) {
    return sha256Hex(write(body));
  }

  /**
   * Parses and verifies a document.
   *
   * @param bytes the file bytes
   * @param what the file, for messages
   * @return the body (without the digest field)
   * @throws IntegrityException if the document fails verification
   */
  static ObjectNode decode(byte[] bytes, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      throw new IntegrityException(what + " is not valid JSON (corrupt or truncated)", e);
    }
    if (!(node instanceof ObjectNode doc) || !doc.path(DIGEST_FIELD).isTextual()) {
      throw new IntegrityException(what + " is not a checksummed registry document");
    }
    if (!Arrays.equals(write(doc), bytes)) {
      throw new IntegrityException(what + " is not in canonical form (modified or trailing bytes)");
    }
    String stored = doc.get(DIGEST_FIELD).asText();
    ObjectNode body = doc.deepCopy();
    body.remove(DIGEST_FIELD);
    String actual = sha256Hex(write(body));
    if (!actual.equals(stored)) {
      throw new IntegrityException(
          what + " failed its SHA-256 check: recorded " + stored + ", computed " + actual);
    }
    return body;
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 must be available in every Java runtime", e);
    }
  }
}
