package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives the running service with the official {@code @anthropic-ai/sdk} from npm: messages.create, messages.stream
 * with text and with tool use (from an Anthropic target, passed through, and from an OpenAI target, translated),
 * countTokens, models.list, and an error as the SDK's own exception class.
 */
class AnthropicSdkEndToEndTest {
  private static final String SCRIPT = """
      const Anthropic = require('@anthropic-ai/sdk');
      const assert = require('assert');
      (async () => {
        const client = new Anthropic({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE + '/anthropic' });
        const root = new Anthropic({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE });
        const msg = await root.messages.create({ model: 'demo:echo', max_tokens: 100,
          system: 'be brief', messages: [{ role: 'user', content: 'Hello SDK' }] });
        assert.strictEqual(msg.content[0].type, 'text');
        assert.strictEqual(msg.content[0].text, 'Echo: Hello SDK');
        assert.strictEqual(msg.stop_reason, 'end_turn');
        assert(msg.usage.output_tokens > 0, 'usage');

        let text = '';
        const stream = client.messages.stream({ model: 'demo:echo', max_tokens: 100,
          messages: [{ role: 'user', content: 'streaming works' }] });
        stream.on('text', t => { text += t; });
        const streamed = await stream.finalMessage();
        assert.strictEqual(text, 'Echo: streaming works');
        assert.strictEqual(streamed.content[0].text, 'Echo: streaming works');

        const tools = [{ name: 'Bash', description: 'Run a command', input_schema: { type: 'object',
          properties: { command: { type: 'string' } }, required: ['command'] } }];
        const passed = await client.messages.stream({ model: 'anthropic:claude-sonnet-4-5', max_tokens: 2000,
          thinking: { type: 'enabled', budget_tokens: 1024 }, tools,
          system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: 'List the files' }] }).finalMessage();
        assert.deepStrictEqual(passed.content.map(b => b.type), ['thinking', 'text', 'tool_use']);
        assert.strictEqual(passed.content[0].signature, 'EqQBCkgIARABGAIiQL2sig==');
        assert.deepStrictEqual(passed.content[2].input, { command: 'ls -la' });
        assert.strictEqual(passed.stop_reason, 'tool_use');
        assert.strictEqual(passed.usage.cache_read_input_tokens, 30000);
        assert.strictEqual(passed.usage.cache_creation_input_tokens, 2048);
        assert.strictEqual(passed.usage.output_tokens, 57);

        const translated = await client.messages.stream({ model: 'openai:gpt-4o-mini', max_tokens: 200, tools,
          messages: [{ role: 'user', content: 'List the files' }] }).finalMessage();
        const use = translated.content.find(b => b.type === 'tool_use');
        assert(use && use.id && use.name, 'a translated tool_use block: ' + JSON.stringify(translated.content));
        assert.strictEqual(typeof use.input, 'object');
        assert.strictEqual(translated.stop_reason, 'tool_use');

        const round = await client.messages.create({ model: 'demo:echo', max_tokens: 100, tools, messages: [
          { role: 'user', content: 'List the files' },
          { role: 'assistant', content: [{ type: 'tool_use', id: use.id, name: use.name, input: use.input }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'a.txt b.txt' }] }] });
        assert.strictEqual(round.role, 'assistant');

        const count = await client.messages.countTokens({ model: 'demo:echo',
          messages: [{ role: 'user', content: 'How many tokens is this sentence?' }] });
        assert(count.input_tokens > 0, 'count_tokens');

        const page = await client.models.list();
        const ids = page.data.map(m => m.id);
        assert(ids.includes('demo:echo') && ids.includes('anthropic:claude-sonnet-4-5'), 'models: ' + ids);
        assert(page.data[0].display_name && page.data[0].type === 'model', 'Anthropic model fields');

        let refused = null;
        try {
          await client.messages.create({ model: 'demo:nope', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
        } catch (e) { refused = e; }
        assert(refused instanceof Anthropic.NotFoundError, 'unknown model is the SDK NotFoundError: ' + refused);
        console.log('ANTHROPIC-SDK-OK');
      })().catch(e => { console.error(e); process.exit(1); });
      """;

  @Test
  void theOfficialAnthropicSdkWorksUnchanged() throws Exception {
    try (Harness h = new Harness(Map.of("ANTHROPIC_API_KEY", "sk-ant-test-upstream-secret-123456",
        "ANTHROPIC_BASE_URL", "{upstream}/anthropic"))) {
      h.enable("anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini");
      String out = NodeClients.run("anthropic", List.of("@anthropic-ai/sdk@^1"), SCRIPT, h.base(), h.adminKey);
      assertThat(out).contains("ANTHROPIC-SDK-OK");
    }
  }
}
