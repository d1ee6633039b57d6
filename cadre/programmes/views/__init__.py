"""Pages of the programmes, one module per programme."""
