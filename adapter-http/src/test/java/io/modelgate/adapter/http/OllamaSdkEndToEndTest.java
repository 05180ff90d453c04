package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the running service with the official {@code ollama} npm library, its host set to {@code <base>/ollama} and
 * the gateway key as a bearer header: list, chat streaming and not, generate, embed, show, and a refusal as the
 * library's own error.
 */
class OllamaSdkEndToEndTest {
  private static final String SCRIPT = """
      const { Ollama } = require('ollama');
      const assert = require('assert');
      (async () => {
        const client = new Ollama({ host: process.env.MG_BASE + '/ollama',
          headers: { Authorization: 'Bearer ' + process.env.MG_KEY } });
        const list = await client.list();
        const names = list.models.map(m => m.name);
        assert(names.includes('demo:echo') && names.includes('demo:embed'), 'list: ' + names);

        const chat = await client.chat({ model: 'demo:echo', messages: [{ role: 'user', content: 'Hello SDK' }] });
        assert.strictEqual(chat.message.content, 'Echo: Hello SDK');
        assert.strictEqual(chat.done, true);

        let text = '';
        let last = null;
        const stream = await client.chat({ model: 'demo:echo', stream: true, options: { temperature: 0.1 },
          messages: [{ role: 'user', content: 'streaming works' }] });
        for await (const part of stream) { text += part.message.content; last = part; }
        assert.strictEqual(text, 'Echo: streaming works');
        assert(last.done && last.eval_count > 0, 'the last part has the counts');

        const gen = await client.generate({ model: 'demo:echo', prompt: 'why is the sky blue' });
        assert.strictEqual(gen.response, 'Echo: why is the sky blue');

        const emb = await client.embed({ model: 'demo:embed', input: ['one', 'two'] });
        assert.strictEqual(emb.embeddings.length, 2);
        assert.strictEqual(emb.embeddings[0].length, 16);

        const show = await client.show({ model: 'demo:echo' });
        assert(show.capabilities.includes('completion'), 'show: ' + JSON.stringify(show));

        let refused = null;
        try {
          await client.chat({ model: 'demo:nope', messages: [{ role: 'user', content: 'x' }] });
        } catch (e) { refused = e; }
        assert(refused && refused.status_code === 404 && /demo:nope/.test(refused.error), 'refusal: ' + refused);

        let pulled = null;
        try { await client.pull({ model: 'llama3' }); } catch (e) { pulled = e; }
        assert(pulled && pulled.status_code === 501, 'pull: ' + pulled);
        console.log('OLLAMA-SDK-OK');
      })().catch(e => { console.error(e); process.exit(1); });
      """;

  @Test
  void theOfficialOllamaLibraryWorksUnchanged() throws Exception {
    try (Harness h = new Harness()) {
      String out = NodeClients.run("ollama", List.of("ollama@^0.6"), SCRIPT, h.base(), h.adminKey);
      assertThat(out).contains("OLLAMA-SDK-OK");
    }
  }
}
