// The mock upstream: an OpenAI-compatible server run by nginx with the echo module (native speed, one worker).
// Behaviours, each under its own base URL so a provider instance points at one of them:
//   /fast/v1    a ~1 KB chat completion at once
//   /slow/v1    the same after 20 ms
//   /stream/v1  32 SSE chunks 10 ms apart, then [DONE]
//   /long/v1    32 SSE chunks 100 ms apart (keeps 750 streams in flight for the memory reading)
//   /big/v1     /models lists 10,000 models (the catalog benchmark)
// Every base URL's /models lists one model, "gpt-bench".
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const MODEL = 'gpt-bench';

// ~1 KB, like a short real answer: usage included so the gateway records tokens.
export function completionBody() {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(17).trim();
  return JSON.stringify({
    id: 'chatcmpl-bench0001', object: 'chat.completion', created: 1764460800, model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 24, completion_tokens: 170, total_tokens: 194 },
    system_fingerprint: 'fp_bench',
  });
}

function chunk(i, last) {
  const c = {
    id: 'chatcmpl-bench0001', object: 'chat.completion.chunk', created: 1764460800, model: MODEL,
    choices: [{ index: 0, delta: last ? {} : { content: `tok${i} ` }, finish_reason: last ? 'stop' : null }],
  };
  if (last) c.usage = { prompt_tokens: 24, completion_tokens: 32, total_tokens: 56 };
  return `data: ${JSON.stringify(c)}\n\n`;
}

// nginx's echo takes its arguments as nginx strings: single-quoted, with ' \ and $ escaped ($ through a variable).
function ngx(s) {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$/g, '${dollar}').replace(/\n/g, '\\n') + "'";
}

function streamLocation(gapSeconds) {
  const lines = ['default_type text/event-stream;', 'add_header Cache-Control no-cache;'];
  for (let i = 0; i < 32; i++) {
    if (i > 0) lines.push(`echo_sleep ${gapSeconds};`);
    // -n: no newline added; the chunk carries its own blank line.
    lines.push(`echo -n ${ngx(chunk(i, false))};`, 'echo_flush;');
  }
  lines.push(`echo -n ${ngx(chunk(32, true) + 'data: [DONE]\n\n')};`);
  return lines.join('\n      ');
}

function modelsBody(n) {
  const data = [];
  if (n === 1) data.push({ id: MODEL, object: 'model', created: 1764460800, owned_by: 'bench' });
  else for (let i = 0; i < n; i++) data.push({ id: `bench-model-${String(i).padStart(5, '0')}`, object: 'model', created: 1764460800, owned_by: 'bench' });
  return JSON.stringify({ object: 'list', data });
}

/** Writes nginx.conf (and the model lists) under dir; returns the config file's path. */
export function writeMockConfig(dir, port) {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(join(dir, 'models1.json'), modelsBody(1));
  writeFileSync(join(dir, 'models10k.json'), modelsBody(10000));
  const body = completionBody();
  const conf = `
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_body_buffer_size 64k;
  tcp_nodelay on;
  geo $dollar { default "$"; }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location ~ ^/(fast|slow|stream|long)/v1/models$ { default_type application/json; alias ${dir}/models1.json; }
    location = /big/v1/models { default_type application/json; alias ${dir}/models10k.json; }
    location = /fast/v1/chat/completions {
      default_type application/json;
      echo_read_request_body;
      echo -n ${ngx(body)};
    }
    location = /slow/v1/chat/completions {
      default_type application/json;
      echo_read_request_body;
      echo_sleep 0.02;
      echo -n ${ngx(body)};
    }
    location = /stream/v1/chat/completions {
      echo_read_request_body;
      ${streamLocation(0.01)}
    }
    location = /long/v1/chat/completions {
      echo_read_request_body;
      ${streamLocation(0.1)}
    }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  return file;
}
