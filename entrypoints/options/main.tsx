import { render } from 'preact';
import { Options } from './Options';
import '@/components/ui/page.css';

const app = document.getElementById('app');
if (app) render(<Options />, app);
