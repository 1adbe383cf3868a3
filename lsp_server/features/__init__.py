"""The editor features as pure functions: a document view and a glossary in, LSP values out.

None of them talks to the client or touches the server's state; :mod:`lsp_server.handlers`
fetches what they need and sends what they return.
"""
