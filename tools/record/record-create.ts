import { setTimeout as sleep } from 'node:timers/promises';
import { recordWizard } from './session.js';

// `setup` choosing "Let mastrakit create it": the bootstrap token pasted, the confirmation screen, the
// token created, narrowed to one zone, checked and saved, the bootstrap token deleted.
export function record(root: string): Promise<void> {
  return recordWizard(root, {
    file: 'setup-create.svg',
    title: 'mastrakit setup --create: a bootstrap token makes the deploy token, scoped to one account and one zone, checked and saved',
    async drive(run, _standIn, samples) {
      await run.waitFor('as mastrakit.config.json says?');
      await sleep(1500);
      run.write('\r');
      await run.waitFor('How do you want to create the token?');
      await sleep(1200);
      run.write('\x1b[B');
      await sleep(700);
      run.write('\r');
      await run.waitFor('Paste the bootstrap token');
      await sleep(3000);
      run.write(samples.tokens.bootstrap.value);
      await sleep(700);
      run.write('\r');
      await run.waitFor('When should the token expire?');
      await sleep(1500);
      run.write('\r');
      await run.waitFor('Create this token in your Cloudflare account?');
      await sleep(3500);
      run.write('\r');
      await run.waitFor('Delete the bootstrap token now?');
      await sleep(2500);
      run.write('\r');
      await run.waitFor('Ready to deploy');
    },
  });
}
