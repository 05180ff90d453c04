package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the Responses API with the official {@code openai} npm package: responses.create, responses.stream, a
 * function-call round trip continued with previous_response_id, retrieve and delete, and an OpenAI target's own
 * output items (encrypted reasoning, a web search call, citations) whole and streamed.
 */
class ResponsesSdkEndToEndTest {
  private static final String SCRIPT = """
      const OpenAI = require('openai');
      const assert = require('assert');
      (async () => {
        const client = new OpenAI({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE + '/v1' });
        const r = await client.responses.create({ model: 'demo:echo', input: 'Hello SDK', instructions: 'be brief' });
        assert.strictEqual(r.output_text, 'Echo: Hello SDK');
        assert.strictEqual(r.status, 'completed');

        const stream = client.responses.stream({ model: 'demo:echo', input: 'streaming works' });
        let text = '';
        const types = [];
        for await (const event of stream) {
          types.push(event.type);
          if (event.type === 'response.output_text.delta') text += event.delta;
        }
        const final = await stream.finalResponse();
        assert.strictEqual(text, 'Echo: streaming works');
        assert.strictEqual(final.output[0].content[0].text, 'Echo: streaming works');
        assert.strictEqual(types[0], 'response.created');
        assert.strictEqual(types[types.length - 1], 'response.completed');

        const tools = [{ type: 'function', name: 'get_weather', strict: false,
          parameters: { type: 'object', properties: { location: { type: 'string' } } } }];
        const call = await client.responses.create({ model: 'openai:gpt-4o-mini', input: 'weather in Paris?', tools });
        const fc = call.output.find(o => o.type === 'function_call');
        assert(fc && fc.call_id && fc.name, 'a function call: ' + JSON.stringify(call.output));
        JSON.parse(fc.arguments);
        const after = await client.responses.create({ model: 'openai:gpt-4o-mini', previous_response_id: call.id,
          tools, input: [{ type: 'function_call_output', call_id: fc.call_id, output: '{"sky":"sunny"}' }] });
        assert.strictEqual(after.previous_response_id, call.id);
        assert.strictEqual(after.status, 'completed');

        const streamedCall = await client.responses.stream({ model: 'openai:gpt-4o-mini', input: 'weather?', tools })
          .finalResponse();
        const sfc = streamedCall.output.find(o => o.type === 'function_call');
        assert(sfc && sfc.arguments.length > 2, 'streamed function call: ' + JSON.stringify(streamedCall.output));

        const got = await client.responses.retrieve(r.id);
        assert.strictEqual(got.id, r.id);
        assert.strictEqual(got.output[0].content[0].text, 'Echo: Hello SDK');
        await client.responses.del(r.id);
        let gone = null;
        try { await client.responses.retrieve(r.id); } catch (e) { gone = e; }
        assert(gone && gone.status === 404, 'deleted: ' + gone);
        // An OpenAI target's own items (recorded: encrypted reasoning, a web search, a cited message) reach the SDK.
        const berlin = { model: 'openai:gpt-4o-mini', input: 'What happened in Berlin today?',
          tools: [{ type: 'web_search' }], include: ['reasoning.encrypted_content'], store: false };
        const cited = client.responses.stream(berlin);
        const seen = [];
        for await (const event of cited) seen.push(event.type);
        for (const full of [await cited.finalResponse(), await client.responses.create(berlin)]) {
          assert.deepStrictEqual(full.output.map(o => o.type), ['reasoning', 'web_search_call', 'message']);
          assert(full.output[0].encrypted_content.startsWith('gAAAAABpPDIV'), 'encrypted reasoning');
          assert.strictEqual(full.output[1].id, 'ws_68c187d0973881928c78c79e50ae028805ca09a4773fcd25');
          assert.strictEqual(full.output[1].action.query, 'Berlin news today');
          const annotations = full.output[2].content[0].annotations;
          assert.strictEqual(annotations.length, 6);
          assert.strictEqual(annotations[0].type, 'url_citation');
          assert.strictEqual(annotations[0].start_index, 327);
          assert(full.output[2].content[0].text.startsWith('Here’s what’s notable in Berlin today'));
        }
        assert((await client.responses.create(berlin)).output_text.endsWith('(arts, politics, sports) from today?'));
        assert(seen.includes('response.output_text.annotation.added'), seen.join());
        assert(seen.includes('response.web_search_call.completed'), seen.join());
        console.log('RESPONSES-SDK-OK');
      })().catch(e => { console.error(e); process.exit(1); });
      """;

  @Test
  void theOfficialOpenAiSdkSpeaksTheResponsesApi() throws Exception {
    try (Harness h = new Harness()) {
      h.enable("openai:gpt-4o-mini");
      String out = NodeClients.run("openai-responses", List.of("openai@^4"), SCRIPT, h.base(), h.adminKey);
      assertThat(out).contains("RESPONSES-SDK-OK");
    }
  }
}
