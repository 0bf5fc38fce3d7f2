import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './lib/format';
import './global.css';
import { App } from './App';
import { RouterProvider } from './lib/router';
import { useElderMode } from './lib/elder';

// Users who ask their system for less motion get none: antd's open/close animations switch off.
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

const FONT = '"Noto Sans SC","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

/** 适老化: larger type, taller controls and near-black text when the mode is on. */
function Themed() {
  const elder = useElderMode();
  const token = elder
    ? {
        colorPrimary: '#a30d24',
        borderRadius: 4,
        fontFamily: FONT,
        fontSize: 19,
        controlHeight: 48,
        colorText: '#000',
        colorTextSecondary: '#1f1f1f',
        colorTextTertiary: '#262626',
      }
    : { colorPrimary: '#c8102e', borderRadius: 4, fontFamily: FONT };
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { ...token, motion: !REDUCED_MOTION } }}>
      <AntApp>
        <RouterProvider>
          <App />
        </RouterProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Themed />);
