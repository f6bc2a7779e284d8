import { render } from 'preact';
import { Popup } from './Popup';
import '@/components/ui/page.css';

const app = document.getElementById('app');
if (app) render(<Popup />, app);
