import { setTimeout as sleep } from 'node:timers/promises';
import { recordWizard } from './session.js';

// The dashboard path: the token missing DNS: Edit, edited "in the dashboard", Check again, saved.
export function record(root: string): Promise<void> {
  return recordWizard(root, {
    file: 'setup-wizard.svg',
    title: 'mastrakit setup: the token lacks DNS: Edit, is fixed in the dashboard, and passes on "Check again"',
    async drive(run, standIn, samples) {
      const token = samples.tokens.missingDnsEdit;
      await run.waitFor('as mastrakit.config.json says?');
      await sleep(1800);
      run.write('\r');
      await run.waitFor('How do you want to create the token?');
      await sleep(1200);
      run.write('\r');
      await run.waitFor('Paste the token');
      await sleep(2500);
      run.write(token.value);
      await sleep(700);
      run.write('\r');
      await run.waitFor('What now?');
      await sleep(3000);
      standIn.grant(token.id, 'dns:edit');
      run.write('\r');
      await run.waitFor('Ready to deploy');
    },
  });
}
