import { type Analyzer, createRuleBasedAnalyzer, runDemo } from '@agent-memory/demo';

// Plug in a real model: send request.prompt to it and turn its answer into issues. This one
// only counts what it would have been sent, then lets the built-in rules answer.
const rules = createRuleBasedAnalyzer();
let promptTokens = 0;
const analyzer: Analyzer = {
  name: 'counting-model',
  async analyze(request) {
    promptTokens += Math.ceil(request.prompt.length / 4);
    return rules.analyze(request);
  },
};

const report = await runDemo({ local: true, analyzer });
console.log('story complete:', report.ok);
console.log('tasks analysed per run:', report.runs.map((run) => run.analysed).join(' then '));
console.log('the model was sent', promptTokens, 'prompt tokens');
