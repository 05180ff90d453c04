package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives the running service with the official {@code openai} npm package: list models, chat, stream, the stream
 * helper's {@code finalChatCompletion()} over an n=3 upstream stream, embeddings.
 * Needs {@code npm} and {@code node}; skipped without them locally, but a failure when {@code CI=true}.
 */
class OpenAiSdkEndToEndTest {
  private static final String SCRIPT = """
      const OpenAI = require('openai');
      const assert = require('assert');
      (async () => {
        const client = new OpenAI({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE + '/v1' });
        const models = await client.models.list();
        const ids = models.data.map(m => m.id);
        assert(ids.includes('demo:echo'), 'models: ' + ids);
        const chat = await client.chat.completions.create({
          model: 'demo:echo', messages: [{ role: 'user', content: 'Hello SDK' }] });
        assert.strictEqual(chat.choices[0].message.content, 'Echo: Hello SDK');
        assert(chat.usage.total_tokens > 0);
        const stream = await client.chat.completions.create({ model: 'demo:echo', stream: true,
          stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'streaming works' }] });
        let text = '';
        let usage = null;
        for await (const chunk of stream) {
          if (chunk.choices.length > 0) text += chunk.choices[0].delta.content || '';
          if (chunk.usage) usage = chunk.usage;
        }
        assert.strictEqual(text, 'Echo: streaming works');
        assert(usage && usage.completion_tokens > 0, 'usage chunk');
        // The stream helper: chat.completions.stream from openai 5, beta.chat.completions.stream in openai 4.
        const completions = client.chat.completions.stream ? client.chat.completions : client.beta.chat.completions;
        const helper = completions.stream({ model: 'openai:gpt-4o-mini', n: 3,
          stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'three answers' }] });
        const final = await helper.finalChatCompletion();
        assert.strictEqual(final.choices.length, 3, 'n=3 choices');
        assert.deepStrictEqual(final.choices.map(c => c.message.role), ['assistant', 'assistant', 'assistant']);
        assert.deepStrictEqual(final.choices.map(c => c.message.content),
          ['Hello! How can I help?', 'Hi there!', "Hey! What's up?"]);
        assert(final.usage && final.usage.completion_tokens === 15, 'usage of the n=3 stream');
        const emb = await client.embeddings.create({ model: 'demo:embed', input: ['one', 'two'] });
        assert.strictEqual(emb.data.length, 2);
        assert.strictEqual(emb.data[0].embedding.length, 16);
        let refused = null;
        try {
          await client.chat.completions.create({ model: 'demo:nope', messages: [{ role: 'user', content: 'x' }] });
        } catch (e) { refused = e; }
        assert(refused && refused.status === 404, 'unknown model is a 404 APIError');
        console.log('SDK-OK');
      })().catch(e => { console.error(e); process.exit(1); });
      """;

  @Test
  void theOfficialOpenAiSdkWorksUnchanged() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean npm = onPath("npm") && onPath("node");
    if (!npm) {
      assertThat(ci).as("npm and node are required when CI=true").isFalse();
      assumeTrue(false, "npm/node not on PATH");
    }
    Path dir = Path.of("target", "npm").toAbsolutePath();
    Files.createDirectories(dir);
    if (!Files.isDirectory(dir.resolve("node_modules/openai"))) {
      run(dir, List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", dir.toString(),
          "openai@^4"), null, null);
    }
    Path script = dir.resolve("sdk-check.js");
    Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
    try (Harness h = new Harness()) {
      assertThat(h.method("PATCH", "/api/admin/models/openai:gpt-4o-mini", h.adminKey, "{\"status\":\"enabled\"}")
          .statusCode()).isEqualTo(200);
      String out = run(dir, List.of("node", script.toString()), h.base(), h.adminKey);
      assertThat(out).contains("SDK-OK");
    }
  }

  private static String run(Path dir, List<String> command, String base, String key) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (base != null) {
      pb.environment().put("MG_BASE", base);
      pb.environment().put("MG_KEY", key);
      pb.environment().put("NODE_PATH", dir.resolve("node_modules").toString());
    }
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
    return text;
  }

  private static boolean onPath(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
