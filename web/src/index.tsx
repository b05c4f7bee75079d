import { Router } from "@solidjs/router";
import { render } from "solid-js/web";
import { Layout } from "./components/layout";
import { catalogueReady, I18nProvider } from "./i18n";
import { routes } from "./routes";
import "./styles.css";

// German is in this bundle and ready at once; English (if chosen before) is fetched first.
catalogueReady.then(() =>
  render(
    () => (
      <I18nProvider>
        <Router root={Layout}>{routes}</Router>
      </I18nProvider>
    ),
    document.getElementById("root")!,
  ),
);
