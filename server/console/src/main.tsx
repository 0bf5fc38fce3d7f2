import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './lib/format';
import './global.css';
import { App } from './App';
import { RouterProvider } from './lib/router';

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 4, fontFamily: '"Noto Sans SC","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif' } }}>
    <AntApp>
      <RouterProvider>
        <App />
      </RouterProvider>
    </AntApp>
  </ConfigProvider>,
);
