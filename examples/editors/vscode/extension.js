// Minimal VS Code client for llmgloss-lsp: starts the server over stdio and hands it the
// documents llmgloss reads (Markdown/MyST, reST, plain text, source files for comments).
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

const LANGUAGES = [
  "markdown", "restructuredtext", "plaintext", "python", "javascript", "javascriptreact",
  "typescript", "typescriptreact", "c", "cpp", "cuda-cpp", "rust", "go", "java",
  "shellscript", "yaml", "toml",
];

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("llmgloss")
    .get("server.command", ["llmgloss-lsp"]);
  const server = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient(
    "llmgloss",
    "llmgloss",
    { run: server, debug: server },
    {
      documentSelector: LANGUAGES.map((language) => ({ language })),
      // The server asks for the "llmgloss" section itself (workspace/configuration).
      synchronize: { configurationSection: "llmgloss" },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
