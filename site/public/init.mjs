// GOV.UK Frontend's components (skip link focus, service navigation on small screens).
import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();
