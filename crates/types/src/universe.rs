//! The universe scope: predeclared types, constants, nil and builtins.
