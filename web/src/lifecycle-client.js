// The draft editor's forms (lifecycle-form*.js) import the element builder from here; every
// other page imports it from dom.js.

export { h } from './dom.js';
