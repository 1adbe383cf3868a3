;;; llmgloss-eglot.el --- llmgloss-lsp with Eglot (Emacs 29+)  -*- lexical-binding: t; -*-

;; Eglot runs one server per major mode, so this replaces other servers in these modes;
;; for code modes keep your usual server and add llmgloss only to documentation modes.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode rst-mode text-mode) . ("llmgloss-lsp"))))

;; Settings are sent as workspace/configuration (section "llmgloss"); a project's
;; llmgloss.toml or [tool.llmgloss] wins over them.
(setq-default eglot-workspace-configuration
              '(:llmgloss (:inlay_hints :json-false)))

(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'rst-mode-hook #'eglot-ensure)

;;; llmgloss-eglot.el ends here
