import sys

from pfcc.render.site.build import main

sys.exit(main())
