import sys

from pfcc.site.build import main

sys.exit(main())
