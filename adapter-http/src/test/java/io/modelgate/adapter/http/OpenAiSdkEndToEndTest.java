package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    try (Harness h = new Harness()) {
      assertThat(h.method("PATCH", "/api/admin/models/openai:gpt-4o-mini", h.adminKey, "{\"status\":\"enabled\"}")
          .statusCode()).isEqualTo(200);
      String out = NodeClients.run("openai", List.of("openai@^4"), SCRIPT, h.base(), h.adminKey);
      assertThat(out).contains("SDK-OK");
    }
  }
}
