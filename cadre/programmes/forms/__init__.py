"""Forms of the programmes, one module per programme."""
