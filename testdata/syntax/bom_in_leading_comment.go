// A ﻿comment before the package clause
// more
