// Imported by each page and component that uses the words of ./de-organisers: importing it adds
// them to the German catalogue before the page renders (a lazy page's imports run first).
import { deOrganisers } from "./de-organisers";
import { addGermanWords } from "./index";

addGermanWords(deOrganisers);
