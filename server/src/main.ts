import { startLanguageServer } from './lsp/server';

startLanguageServer();
